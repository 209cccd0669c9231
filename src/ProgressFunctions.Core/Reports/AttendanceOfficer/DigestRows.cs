using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.Documents;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.AttendanceOfficer;

/// <summary>The digest's sections, today's marks and evidence wording.</summary>
internal static class DigestRows
{
    public sealed record TodayMark(string PupilId, SessionOfDay Session, AttendanceCode Code, int? MinutesLate = null);

    /// <summary>Today's N and late marks over every register in scope, and whether today has any mark at all.</summary>
    public static (IReadOnlyList<TodayMark> Unexplained, IReadOnlyList<TodayMark> Late, bool Marked) Today(AttendanceDigestInput input)
    {
        var unexplained = new List<TodayMark>();
        var late = new List<TodayMark>();
        var marked = false;
        // In the call list's order, so the officer reads today's pupils form by form as they call them.
        foreach (var register in input.Registers.InRollOrder(input.Directory, r => r.PupilId))
        {
            foreach (var session in new[] { SessionOfDay.Am, SessionOfDay.Pm })
            {
                if (register.Mark(input.AsOf, session) is not { } code)
                {
                    continue;
                }

                marked = true;
                if (code == AttendanceCode.NotYetKnown)
                {
                    unexplained.Add(new TodayMark(register.PupilId, session, code));
                }
                else if (code.IsLate)
                {
                    late.Add(new TodayMark(register.PupilId, session, code, register.MinutesLate(input.AsOf, session)));
                }
            }
        }

        return (unexplained, late, marked);
    }

    /// <summary>Each pupil's marks together, pupils in the order their first mark came: one row per pupil.</summary>
    public static IEnumerable<(string PupilId, IReadOnlyList<TodayMark> Marks)> ByPupil(IReadOnlyList<TodayMark> marks) =>
        marks.GroupBy(m => m.PupilId, StringComparer.Ordinal).Select(g => (g.Key, (IReadOnlyList<TodayMark>)[.. g]));

    public static string LateEvidence(TodayMark mark)
    {
        var minutes = mark.MinutesLate is { } m ? (m == 1 ? ", 1 minute late" : $", {Count(m)} minutes late") : "";
        return mark.Code == AttendanceCode.LateAfterClose
            ? $"{Session(mark.Session)}: late after the register closed (U, counts as unauthorised absence){minutes}"
            : $"{Session(mark.Session)}: late before the register closed (L){minutes}";
    }

    public static ReportBlock Section(string title, string whenEmpty, IReadOnlyList<TableRow> rows) =>
        rows.Count == 0
            ? new Paragraph($"{title}: {whenEmpty}")
            : new TableBlock([Column("Pupil", 2.8), Column("Group", 0.8), Column("Evidence", 4.4)], rows, $"{title} ({Count(rows.Count)})");

    /// <summary>The evidence, followed by the pupil's open interventions when there are any.</summary>
    public static string Marked(string evidence, string? openInterventions) =>
        openInterventions is null ? evidence : $"{evidence}. Open intervention: {openInterventions}";

    /// <summary>The runway in the alert's words: the sessions the pupil may still miss and stay under 10% for the year (one more makes it).</summary>
    public static string Runway(PupilAttendanceSummary summary) =>
        $"attendance {Percent(summary.YearToDate.AttendanceRate)}; " + summary.Runway.BeforePersistent switch
        {
            null => "will be persistently absent at year end even with full attendance from now",
            0 => "any further absence this year makes persistent absence",
            1 => "can miss only 1 more session this year before reaching persistent absence",
            var sessions => $"can miss only {sessions} more sessions this year before reaching persistent absence",
        };

    public static string Dates(AbsencePattern pattern) =>
        pattern.AbsentDates.Count == 0 ? "" : " (" + string.Join(", ", pattern.AbsentDates.Select(ShortDate)) + ")";
}
