using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.DataManagers;

/// <summary>The school days before today that no imported export has a register for: the MIS export has stopped arriving.</summary>
/// <param name="AsOf">The day of the check that found it.</param>
/// <param name="LastMarked">The latest school day with a mark for any pupil on roll; null when none this year.</param>
/// <param name="Missing">The school days after it and before today, in order (today is not counted: its export may still come).</param>
public sealed record ExportOverdue(DateOnly AsOf, DateOnly? LastMarked, IReadOnlyList<DateOnly> Missing)
{
    /// <summary>The days missing as of <paramref name="asOf"/>, or null when yesterday's register (the previous school day's) is in.</summary>
    public static ExportOverdue? Of(SchoolCalendar calendar, DateOnly asOf, DateOnly? lastMarked)
    {
        var from = lastMarked is { } last ? calendar.DaysUpTo(last) : calendar.DaysBefore(AcademicYear.Containing(asOf).Start);
        var to = calendar.DaysBefore(asOf);
        return to > from ? new ExportOverdue(asOf, lastMarked, [.. Enumerable.Range(from, to - from).Select(calendar.DayAt)]) : null;
    }

    /// <summary>What the data managers are told, once per spell: the days, what stands still until an export comes, and what to check.</summary>
    public IReadOnlyList<string> Lines() =>
    [
        $"No MIS export imported has a register for {Days()}. {Since()}",
        $"Until one does, the daily attendance check measures every pupil to {(LastMarked is { } last ? Date(last) : "the start of the year")}: absences since then raise no alert, "
            + "no morning call list is made, and reports and letters give figures to that day.",
        "Please check that the MIS's scheduled export still runs and that its files reach the school's upload folder (progress upload). "
            + "Once an export with these days is imported, the next check catches up.",
    ];

    public ReportDocument Document(string schoolName) =>
        new($"MIS export overdue: no register since {(LastMarked is { } last ? Date(last) : "the start of the year")}", "Attendance data", schoolName, AsOf,
            [.. Lines().Select(line => new Paragraph(line))])
        {
            FileName = $"export-overdue-{AsOf:yyyy-MM-dd}.pdf",
        };

    private string Days() => Missing.Count == 1 ? $"{Date(Missing[0])}, a school day"
        : $"the {Count(Missing.Count)} school days from {Date(Missing[0])} to {Date(Missing[^1])}";

    private string Since() => LastMarked is { } last ? $"The latest register imported is for {Date(last)}." : "No register of this school year has been imported.";
}
