namespace ProgressFunctions.Core.Attendance;

/// <summary>The fixed code table behind <see cref="AttendanceCode"/>.</summary>
/// <remarks>
/// Source: The School Attendance (Pupil Registration) (England) Regulations 2024, reg. 10, Tables 1-7, with the
/// statistical categories of the DfE "Pupil absence" methodology and the DfE daily attendance data identities.
/// Legacy rows: DfE absence methodology Annex C.
/// </remarks>
internal static class AttendanceCodeTable
{
    internal readonly record struct Entry(string Code, AttendanceCategory Category, string Meaning, bool IsLate = false, bool IsLegacy = false);

    private const AttendanceCategory P = AttendanceCategory.Present;
    private const AttendanceCategory Aea = AttendanceCategory.ApprovedActivity;
    private const AttendanceCategory Auth = AttendanceCategory.AuthorisedAbsence;
    private const AttendanceCategory Unauth = AttendanceCategory.UnauthorisedAbsence;
    private const AttendanceCategory Np = AttendanceCategory.NotPossible;

    internal static readonly Entry[] Entries =
    [
        new("/", P, "Present (morning registration)"),
        new("\\", P, "Present (afternoon registration)"),
        new("L", P, "Late arrival before the register closed", IsLate: true),
        new("K", Aea, "Attending education provision arranged by the local authority"),
        new("V", Aea, "Attending an educational visit or trip"),
        new("P", Aea, "Participating in a supervised sporting activity"),
        new("W", Aea, "Attending work experience"),
        new("B", Aea, "Attending any other approved educational activity"),
        new("D", Np, "Dual registered: attending another school"),
        new("C1", Auth, "Leave of absence: regulated performance or employment abroad"),
        new("M", Auth, "Leave of absence: medical or dental appointment"),
        new("J1", Auth, "Leave of absence: interview"),
        new("S", Auth, "Leave of absence: study leave"),
        new("X", Np, "Not of compulsory school age and not required to attend"),
        new("C2", Auth, "Leave of absence: part-time timetable"),
        new("C", Auth, "Leave of absence: exceptional circumstances"),
        new("T", Auth, "Parent travelling for occupational purposes"),
        new("R", Auth, "Religious observance"),
        new("I", Auth, "Illness (not medical or dental appointment)"),
        new("E", Auth, "Suspended or excluded, no alternative provision"),
        new("Q", Np, "Unable to attend: lack of access arrangements"),
        new("Y1", Np, "Unable to attend: transport not available"),
        new("Y2", Np, "Unable to attend: widespread disruption to travel"),
        new("Y3", Np, "Unable to attend: part of the school premises closed"),
        new("Y4", Np, "Unable to attend: whole school site unexpectedly closed"),
        new("Y5", Np, "Unable to attend: in criminal justice detention"),
        new("Y6", Np, "Unable to attend: public health guidance or law"),
        new("Y7", Np, "Unable to attend: any other unavoidable cause"),
        new("G", Unauth, "Holiday not agreed by the school"),
        new("N", Unauth, "Reason for absence not yet established"),
        new("O", Unauth, "Absent in other or unknown circumstances"),
        new("U", Unauth, "Arrived after the register closed", IsLate: true),
        new("Z", Np, "Prospective pupil not on admission register"),
        new("#", Np, "Planned whole-school closure"),
        new("H", Auth, "Holiday agreed by the school (legacy, before August 2024)", IsLegacy: true),
        new("F", Auth, "Agreed extended family holiday (legacy)", IsLegacy: true),
        new("J", Aea, "Interview (legacy, before August 2024)", IsLegacy: true),
        new("Y", Np, "Unable to attend due to exceptional circumstances (legacy)", IsLegacy: true),
    ];

    internal static int Find(ReadOnlySpan<char> text)
    {
        // A linear scan over 38 short strings beats a dictionary lookup for one- and two-character keys.
        if (text.Length is 0 or > 2)
        {
            return -1;
        }

        for (var i = 0; i < Entries.Length; i++)
        {
            if (text.SequenceEqual(Entries[i].Code))
            {
                return i;
            }
        }

        return -1;
    }
}
