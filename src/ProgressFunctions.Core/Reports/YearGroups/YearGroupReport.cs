using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.YearGroups;

/// <summary>What a year group report is made from: a term snapshot and the year group it covers.</summary>
public sealed record YearGroupReportInput(string SchoolName, DateOnly Issued, TermSnapshot Snapshot, int YearGroup, SchoolDirectory Directory);

/// <summary>The year (standards progress) leader's report: attendance bands, PA and severe lists, subjects below expected, behaviour, pupil groups and interventions.</summary>
public static class YearGroupReport
{
    public static ReportDocument Build(YearGroupReportInput input)
    {
        var year = YearLabel(input.YearGroup);
        var pupils = input.Snapshot.Pupils.Where(p => p.YearGroup == input.YearGroup).ToList();
        var cohort = input.Snapshot.Cohorts.FirstOrDefault(c => c.Kind == CohortKind.YearGroup && c.Name == year);
        var persistent = pupils.Where(p => p.YearAttendance.IsPersistentAbsence && !p.YearAttendance.IsSevereAbsence).ToList();
        var severe = pupils.Where(p => p.YearAttendance.IsSevereAbsence).ToList();
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"{year}: {Count(pupils.Count)} pupils on roll on {Date(input.Snapshot.AsOf)}. Attendance is for the year so far; progress is at the latest assessment point."),
        };
        if (cohort is not null)
        {
            blocks.Add(StaffTables.CohortFacts(cohort));
        }

        blocks.Add(new Heading("Attendance"));
        blocks.Add(StaffTables.AttendanceBands(pupils));
        blocks.AddRange(StaffTables.PersistentAbsenceNote(pupils));
        blocks.Add(persistent.Count == 0
            ? new Paragraph("No pupil in this year group has missed 10% to under 50% of sessions (persistent absence, not severe).")
            : StaffTables.AttendanceList($"Persistent absence, not severe: 10% to under 50% of sessions missed this year ({Count(persistent.Count)})", persistent, input.Directory));
        blocks.Add(severe.Count == 0
            ? new Paragraph("No pupil in this year group is severely absent (50% or more of sessions missed).")
            : StaffTables.AttendanceList($"Severe absence: 50% or more of sessions missed this year ({Count(severe.Count)})", severe, input.Directory));

        blocks.Add(new Heading("Progress"));
        var entries = pupils.SelectMany(p => p.Subjects.Select(s => (Pupil: p, Subject: s))).ToList();
        var below = entries.Where(e => e.Subject.NotMakingExpectedProgress).ToList();
        blocks.Add(StaffTables.NeedsAttention(pupils, input.Directory));
        if (entries.Any(e => e.Subject.Band is not null))
        {
            blocks.Add(SubjectSummary(entries));
            blocks.Add(below.Count == 0
                ? new Paragraph("Every pupil with a result is making expected progress in every subject.")
                : StaffTables.BelowExpected($"Not making expected progress, by subject ({Count(below.Count)} entries)", below, input.Directory));
            blocks.AddRange(DefaultTargetNoteFor(below.Select(e => e.Subject)));
        }

        blocks.Add(new Heading("Behaviour"));
        blocks.Add(StaffTables.Behaviour(pupils, input.Directory));
        blocks.AddRange(PupilGroups.GroupTables.Section(pupils, Core.PupilGroups.GroupBreakdown.WithinAYearGroup, $"{year} pupils"));
        if (Interventions.InterventionTables.Of(pupils) is { Count: > 0 } interventions)
        {
            blocks.AddRange(Interventions.InterventionTables.Section(interventions, input.Directory, $"{year} pupils"));
        }
        return new ReportDocument($"{year} report", PeriodLabel(input.Snapshot.Key), input.SchoolName, input.Issued, blocks)
        {
            FileName = $"{TermSlug(input.Snapshot.Key)}-year-{input.YearGroup}.pdf",
        };
    }

    private static TableBlock SubjectSummary(List<(PupilSnapshot Pupil, SubjectSnapshot Subject)> entries) => new(
        [Column("Subject", 2), Number("Pupils"), Number("Above"), Number("On track"), Number("Below"), Number("Well below"), Number("No result"), Number("Not making expected", 1.4)],
        [.. entries.GroupBy(e => e.Subject.Subject, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TableRow(
        [
            g.Key, Count(g.Count()),
            Count(g.Count(e => e.Subject.Band == Progress.ProgressBand.Above)), Count(g.Count(e => e.Subject.Band == Progress.ProgressBand.OnTrack)),
            Count(g.Count(e => e.Subject.Band == Progress.ProgressBand.Below)), Count(g.Count(e => e.Subject.Band == Progress.ProgressBand.WellBelow)),
            Count(g.Count(e => e.Subject.Band is null)), Count(g.Count(e => e.Subject.NotMakingExpectedProgress)),
        ]))],
        "Pupils per progress band, by subject");
}
