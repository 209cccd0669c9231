namespace ProgressFunctions.Core.Attendance;

/// <summary>The statistical category of a register mark, as the DfE "Pupil absence" methodology counts it.</summary>
/// <remarks>
/// Present and approved educational activity count as attendance; authorised and unauthorised absence count as
/// absence; all four are possible sessions. Not-possible marks are outside both numerator and denominator.
/// </remarks>
public enum AttendanceCategory
{
    Present,
    ApprovedActivity,
    AuthorisedAbsence,
    UnauthorisedAbsence,
    NotPossible,
}

public static class AttendanceCategoryExtensions
{
    public static bool IsPossible(this AttendanceCategory category) => category != AttendanceCategory.NotPossible;

    public static bool IsAbsence(this AttendanceCategory category) =>
        category is AttendanceCategory.AuthorisedAbsence or AttendanceCategory.UnauthorisedAbsence;

    public static bool IsAttendance(this AttendanceCategory category) =>
        category is AttendanceCategory.Present or AttendanceCategory.ApprovedActivity;

    /// <summary>Rank used when one session has two marks: the lower rank is the better mark.</summary>
    /// <remarks>Present &gt; approved activity &gt; authorised &gt; unauthorised &gt; not possible (the MIS "best mark" rule).</remarks>
    public static int BestMarkRank(this AttendanceCategory category) => (int)category;

    /// <summary>The name used in files and JSON (kebab-free, stable).</summary>
    public static string ToDisplayName(this AttendanceCategory category) => category switch
    {
        AttendanceCategory.Present => "present",
        AttendanceCategory.ApprovedActivity => "approved-activity",
        AttendanceCategory.AuthorisedAbsence => "authorised-absence",
        AttendanceCategory.UnauthorisedAbsence => "unauthorised-absence",
        _ => "not-possible",
    };
}
