using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.PupilGroups;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Interventions;
using ProgressFunctions.Core.Reports.PupilGroups;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Governors;

/// <summary>What the governors' report is made from: an end-of-term snapshot.</summary>
public sealed record GovernorsReportInput(string SchoolName, DateOnly Issued, TermSnapshot Snapshot);

/// <summary>The termly governors' report: the school's figures, every figure by pupil group with the disadvantage gap, and interventions by type.</summary>
/// <remarks>
/// It names no pupil and lists no pupil's figures: groups of fewer than 5 pupils (and intervention types with fewer
/// than 5 pupils) are suppressed, as DfE suppresses them, and the report says so.
/// </remarks>
public static class GovernorsReport
{
    public static ReportDocument Build(GovernorsReportInput input)
    {
        var pupils = input.Snapshot.Pupils;
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"The {TermLabel(input.Snapshot.Key).ToLowerInvariant()} figures for the {Count(pupils.Count)} pupils on roll on {Date(input.Snapshot.AsOf)}, for governors. " +
                "No pupil is named, and no group of fewer than 5 pupils is shown."),
        };
        if (input.Snapshot.Cohorts.FirstOrDefault(c => c.Kind == CohortKind.School) is { } school)
        {
            blocks.Add(StaffTables.CohortFacts(school));
        }

        blocks.Add(StaffTables.AttendanceBands(pupils));
        blocks.AddRange(StaffTables.PersistentAbsenceNote(pupils));
        blocks.AddRange(StaffTables.CompulsoryAgeNote(pupils));
        blocks.AddRange(GroupTables.Section(pupils, GroupBreakdown.All, "the whole school"));
        blocks.AddRange(InterventionTables.Section(InterventionTables.Of(pupils), directory: null, "any pupil", suppressSmall: true));
        return new ReportDocument("Governors' report", PeriodLabel(input.Snapshot.Key), input.SchoolName, input.Issued, blocks)
        {
            FileName = $"{TermSlug(input.Snapshot.Key)}-governors.pdf",
        };
    }
}
