using ProgressFunctions.Core.Attendance;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Parents;

/// <summary>The plain-English attendance paragraph of a parent report: what the figure means, never blame.</summary>
internal static class ParentAttendanceText
{
    public static string Explain(string forename, AttendanceTotals year, AttendanceTotals term)
    {
        if (year.Possible == 0)
        {
            return $"There are no attendance records for {forename} this year yet.";
        }

        var opening = $"{forename}'s attendance this year is {Percent(year.AttendanceRate)} and this term {Percent(term.AttendanceRate)}. "
            + "Schools aim for every pupil to attend at least 95% of the time; each day in school helps with learning and friendships.";
        var meaning = year.Band switch
        {
            AttendanceBand.Excellent => $" {forename}'s attendance is excellent. Thank you for your support.",
            AttendanceBand.Expected => $" {forename}'s attendance is in line with what we expect. Thank you for your support.",
            AttendanceBand.AtRisk => " Attendance is a little below 95%. If anything is making it hard to get to school, please let us know so that we can help.",
            _ => $" When a pupil misses 10% or more of sessions, for whatever reason including illness, this is called persistent absence. {forename}'s absence is at that level this year. "
                + "We know there are often good reasons, and we would like to work with you to help; a member of staff will be in touch.",
        };
        var late = year.Late == 0 ? "" : year.Late == 1 ? $" {forename} has arrived late once this year." : $" {forename} has arrived late for {Count(year.Late)} sessions this year.";
        return opening + meaning + late;
    }
}
