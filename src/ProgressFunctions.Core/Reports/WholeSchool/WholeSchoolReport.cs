using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.WholeSchool;

/// <summary>What the whole-school summary is made from: a term snapshot (cohorts already summed).</summary>
public sealed record WholeSchoolReportInput(string SchoolName, DateOnly Issued, TermSnapshot Snapshot);

/// <summary>The headteacher's and progress assistant's summary: every cohort's attendance and progress on one page or two.</summary>
public static class WholeSchoolReport
{
    public static ReportDocument Build(WholeSchoolReportInput input)
    {
        var cohorts = input.Snapshot.Cohorts;
        var school = cohorts.FirstOrDefault(c => c.Kind == CohortKind.School);
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"Every pupil on roll on {Date(input.Snapshot.AsOf)}. Attendance is for the year so far (sessions summed, then divided); progress bands count subject entries at the latest assessment point."),
        };
        if (school is not null)
        {
            blocks.Add(StaffTables.CohortFacts(school));
        }

        blocks.Add(new Heading("Attendance"));
        blocks.Add(StaffTables.AttendanceBands(input.Snapshot.Pupils));
        blocks.AddRange(StaffTables.PersistentAbsenceNote(input.Snapshot.Pupils));
        blocks.AddRange(StaffTables.CompulsoryAgeNote(input.Snapshot.Pupils));
        var groups = cohorts.Where(c => c.Kind is CohortKind.School or CohortKind.YearGroup or CohortKind.Sen).ToList();
        blocks.Add(new TableBlock(
            [Column("Group", 1.8), Number("Pupils", 0.8), Number("Attendance", 1.2), Number("Persistent absence", 1.3), Number("PA pupils (incl. severe)", 1.2), Number("Severe"),
                Number("Needs attention", 1.2), Number("Behaviour points (term)", 1.2)],
            [.. groups.Select(c => new TableRow(
                [c.Name, Count(c.Pupils), Percent(c.AttendanceRate), Percent(c.PersistentAbsenceRate), Count(c.PersistentAbsentees), Count(c.SevereAbsentees),
                    c.PupilsWithResults == 0 ? "No results" : Count(c.NeedsAttention), Count(c.BehaviourPoints)],
                ToneOf(c.YearAttendance.Band)))],
            "Cohorts"));

        blocks.Add(new Heading("Progress by subject"));
        var subjects = cohorts.Where(c => c.Kind is CohortKind.Subject or CohortKind.TeachingGroup).ToList();
        blocks.Add(subjects.Count == 0
            ? new Paragraph("No subject has targets or results at this snapshot.")
            : new TableBlock(
                [Column("Subject / group", 2), Number("Pupils"), Number("Above"), Number("On track"), Number("Below"), Number("Well below"), Number("No result"), Number("Not making expected", 1.4)],
                [.. subjects.Select(c => new TableRow(
                    [c.Kind == CohortKind.Subject ? c.Name : "   " + (c.Name.Length == 0 ? "No group" : c.Name), Count(c.Pupils), .. StaffTables.BandCells(c), Count(c.NotMakingExpectedProgress)]))],
                "Subjects, each followed by its teaching groups"));
        blocks.AddRange(PupilGroups.GroupTables.Section(input.Snapshot.Pupils, Core.PupilGroups.GroupBreakdown.All, "the whole school"));
        return new ReportDocument("Whole-school summary", PeriodLabel(input.Snapshot.Key), input.SchoolName, input.Issued, blocks)
        {
            FileName = $"{TermSlug(input.Snapshot.Key)}-whole-school.pdf",
        };
    }
}
