using System.Globalization;
using System.Text;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>Writes a synthetic school as the CSV bundle of docs/import-format.md, one stream per file from the caller.</summary>
/// <remarks>Files are UTF-8 without BOM, comma-separated, CRLF line ends (as MIS exports are), quoted only where needed.</remarks>
public static class CsvBundleWriter
{
    private static readonly Encoding s_utf8 = new UTF8Encoding(false);

    /// <param name="school">The school to write.</param>
    /// <param name="create">Opens the stream for a bundle file name ("pupils.csv"); the writer disposes it.</param>
    public static void Write(SyntheticSchool school, Func<string, Stream> create)
    {
        using (var json = create(SchoolJson.FileName))
        {
            SchoolJsonWriter.Write(school.Profile, [], json);   // roles go in staff.csv
        }

        var upnOf = school.Pupils.ToDictionary(p => p.Id, p => p.Upn);
        Table(create, PupilsCsv.FileName, ["UPN", "Pupil ID", "Legal Surname", "Legal Forename", "Preferred Forename", "Date of Birth", "Gender", "Year", "Reg Group", "SEN", "FSM", "Pupil Premium", "EAL", "Looked After", "Admission Date", "Leaving Date"],
            school.Pupils.Select(p => new[]
            {
                p.Upn, p.Id, p.LegalSurname, p.LegalForename, p.PreferredForename ?? "", Date(p.DateOfBirth!.Value), p.Gender, Num(p.YearGroup), p.RegistrationGroup,
                p.Sen switch { SenStatus.Support => "K", SenStatus.Ehcp => "E", _ => "N" }, YesNo(p.FreeSchoolMeals), YesNo(p.PupilPremium), YesNo(p.EnglishAdditionalLanguage),
                YesNo(p.LookedAfter), p.AdmissionDate is { } a ? Date(a) : "", p.LeavingDate is { } l ? Date(l) : "",
            }));
        var contacts = school.Contacts.ToDictionary(c => c.Id);
        Table(create, ContactsCsv.FileName, ["Contact ID", "Pupil UPN", "Title", "Forename", "Surname", "Email", "Phone", "Relationship", "Parental Responsibility", "Receives Correspondence", "Priority", "Restriction"],
            school.ContactLinks.Select(l => contacts[l.ContactId] is var c ? new[]
            {
                c.Id, upnOf[l.PupilId], c.Title, c.Forename, c.Surname, c.Email ?? "", c.Phone ?? "", l.Relationship, YesNo(l.ParentalResponsibility),
                YesNo(l.ReceivesCorrespondence), Num(l.Priority), l.Restriction ?? "",
            } : []));
        var rolesOf = school.StaffRoles.ToLookup(r => r.StaffId);
        Table(create, StaffCsv.FileName, ["Staff ID", "Title", "Forename", "Surname", "Email", "Roles"],
            school.Staff.Select(s => new[] { s.Id, s.Title, s.Forename, s.Surname, s.Email, string.Join(';', rolesOf[s.Id].Select(StaffRoles.Format)) }));
        Table(create, AssessmentsCsv.FileName, ["UPN", "Subject", "Point", "Date", "Scale", "Grade"],
            school.Assessments.Select(a => new[] { upnOf[a.PupilId], a.Subject, a.Point, Date(a.Date), a.Scale, a.Grade }));
        Table(create, AssessmentsCsv.TargetsFileName, ["UPN", "Subject", "Scale", "Target", "Baseline", "Course Start", "Course End", "Teaching Group"],
            school.Targets.Select(t => new[] { upnOf[t.PupilId], t.Subject, t.Scale, t.Grade, t.Baseline ?? "", t.CourseStart is { } s ? Date(s) : "", t.CourseEnd is { } e ? Date(e) : "", t.TeachingGroup ?? "" }));
        Table(create, BehaviourCsv.FileName, ["UPN", "Date", "Points", "Category"],
            school.Behaviour.Select(b => new[] { upnOf[b.PupilId], Date(b.Date), Num(b.Points), b.Category }));
        Table(create, BehaviourCsv.HomeworkFileName, ["UPN", "Subject", "Due", "Status"],
            school.Homework.Select(h => new[] { upnOf[h.PupilId], h.Subject, Date(h.Due), h.Status.ToString().ToLowerInvariant() }));
        Table(create, InterventionsCsv.FileName, ["UPN", "Type", "Start", "End", "Staff", "Notes ID"],
            school.Interventions.Select(i => new[] { upnOf[i.PupilId], i.Type, Date(i.Start), i.End is { } e ? Date(e) : "", i.StaffId ?? "", i.NotesId ?? "" }));
        Table(create, CaseloadsCsv.FileName, ["Staff ID", "UPN"], school.Caseloads.Select(m => new[] { m.StaffId, upnOf[m.PupilId] }));
        using var attendance = new StreamWriter(create(AttendanceCsv.FileName), s_utf8, 1 << 16);
        WriteAttendance(school, attendance);
    }

    /// <summary>Streams <c>attendance.csv</c>: one row per pupil per session, generated as it is written.</summary>
    /// <returns>The number of rows written.</returns>
    public static long WriteAttendance(SyntheticSchool school, TextWriter writer)
    {
        writer.Write("UPN,Date,Session,Mark,Minutes Late,Late Reason\r\n");
        long rows = 0;
        Span<char> date = stackalloc char[10];
        foreach (var pupil in school.Pupils)
        {
            foreach (var mark in school.MarksOf(pupil))
            {
                mark.Date.TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                writer.Write(pupil.Upn);
                writer.Write(',');
                writer.Write(date);
                writer.Write(mark.Session == SessionOfDay.Am ? ",AM," : ",PM,");
                writer.Write(Field(mark.Code.Code));
                writer.Write(',');
                if (mark.MinutesLate is { } m)
                {
                    writer.Write(m);
                }

                writer.Write(',');
                if (mark.Code.IsLate && school.LateReasonOf(mark) is { } reason)
                {
                    writer.Write(Field(reason));
                }

                writer.Write("\r\n");
                rows++;
            }
        }

        return rows;
    }

    internal static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void Table(Func<string, Stream> create, string file, string[] header, IEnumerable<string[]> rows)
    {
        using var writer = new StreamWriter(create(file), s_utf8, 1 << 16);
        writer.Write(string.Join(',', header.Select(Field)) + "\r\n");
        foreach (var row in rows)
        {
            writer.Write(string.Join(',', row.Select(Field)) + "\r\n");
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "Y" : "N";
}
