using System.Globalization;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.PupilGroups;
using ProgressFunctions.Core.Reports.Documents;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.PupilGroups;

/// <summary>The pupil-group section of the year-group, whole-school and governors' reports: every cohort figure by group, and the disadvantage gap.</summary>
public static class GroupTables
{
    /// <summary>What a suppressed figure prints as, as in DfE's tables.</summary>
    public const string SuppressedMark = "c";

    public const string SuppressionNote =
        "c: suppressed. Figures for a group of fewer than 5 pupils are not shown, as DfE does in its publications; where that leaves one group of a " +
        "characteristic hidden, the next smallest group is hidden too, so that it cannot be worked out from the totals.";

    public const string GapNote =
        "The gap is disadvantaged minus other pupils, as printed: in percentage points for rates, in points per pupil for behaviour. The 95% confidence interval " +
        "counts pupils, not sessions, as the independent units (a pupil's absences come in spells): attendance by the ratio estimator of the two " +
        "printed rates, persistent and severe absence and needing attention as differences of two proportions, behaviour as a difference of two means, " +
        "each with the normal approximation. An interval that does not include 0 is unlikely to be chance alone. '-': no interval can be given " +
        "(every pupil of both groups, or none, is counted in the measure).";

    /// <summary>The heading, one table per characteristic, the gap table and the notes.</summary>
    public static IEnumerable<ReportBlock> Section(IReadOnlyList<PupilSnapshot> pupils, IReadOnlyList<GroupDimension> dimensions, string cohort)
    {
        yield return new Heading("Pupil groups");
        var breakdown = GroupBreakdown.For(pupils, dimensions);
        if (breakdown.All(d => d.Dimension is GroupDimension.Sen or GroupDimension.YearGroup) && dimensions.Contains(GroupDimension.Disadvantaged))
        {
            yield return new Paragraph("This snapshot was taken before pupils' characteristics were kept: only the groups it holds are shown.");
        }
        else
        {
            yield return new Paragraph($"Every figure for {cohort}, by group: attendance for the year so far (sessions summed, then divided), persistent and severe absence " +
                "as shares of the pupils with sessions, subject results on track or above their flight path, pupils needing attention for progress " +
                "(of those with results), and behaviour points this term per pupil.");
        }

        foreach (var dimension in breakdown)
        {
            yield return Table(dimension);
        }

        var gap = DisadvantageGap.Of(pupils);
        if (breakdown.Any(d => d.Dimension == GroupDimension.Disadvantaged))
        {
            yield return Gap(gap);
            yield return new Paragraph(GapNote, Small: true);
        }

        if (breakdown.Any(d => d.Groups.Any(g => g.Suppressed != Suppression.None)) || gap.Any(g => g.Suppressed))
        {
            yield return new Paragraph(SuppressionNote, Small: true);
        }
    }

    public static TableBlock Table(DimensionBreakdown dimension) => new(
        [Column("Group", 2.1), Number("Pupils", 0.8), Number("Attendance", 1.3), Number("Persistent absence", 1.3), Number("Severe absence", 1.2),
            Number("Results on track or above", 1.3), Number("Needs attention", 1.4), Number("Behaviour points per pupil", 1.2)],
        [.. dimension.Groups.Select(g => g.Suppressed != Suppression.None
            ? new TableRow([g.Label, .. Enumerable.Repeat(SuppressedMark, 7)])
            : new TableRow(
            [
                g.Label, Count(g.Pupils), Percent(g.AttendanceRate), $"{Count(g.PersistentAbsentees)} ({Percent(g.PersistentAbsenceRate)})",
                $"{Count(g.SevereAbsentees)} ({Percent(g.SevereAbsenceRate)})", g.EntriesWithResults == 0 ? "No results" : Percent(g.OnTrackOrAboveRate),
                g.PupilsWithResults == 0 ? "No results" : $"{Count(g.NeedsAttention)} ({Percent(g.NeedsAttentionRate)})",
                g.BehaviourPointsPerPupil is { } perPupil ? PerPupil(perPupil) : "-",
            ], ToneOf(g.Attendance.Band)))],
        dimension.Title);

    /// <summary>The gap table: each measure's two figures, the gap and its interval.</summary>
    /// <remarks>
    /// The printed gap is the difference of the two printed figures (each rounded half-up to one decimal place), not the
    /// exact difference rounded: a reader checks a gap by subtracting what is printed beside it, and "3.3% vs 17.8%, gap
    /// -14.4" (from the exact -14.45...) did not subtract. The two differ by at most 0.1. The confidence interval stays
    /// centred on the exact difference (<see cref="GapEstimate.Difference"/>), as the statistics require.
    /// </remarks>
    public static TableBlock Gap(IReadOnlyList<GapEstimate> gaps) => new(
        [Column("Measure", 2), Number("Disadvantaged", 1.2), Number("Other pupils", 1.2), Number("Gap", 1), Number("95% confidence interval", 1.8)],
        [.. gaps.Select(g => g.Suppressed
            ? new TableRow([g.Measure, SuppressedMark, SuppressedMark, SuppressedMark, SuppressedMark])
            : new TableRow([g.Measure, Value(g, g.Disadvantaged), Value(g, g.Others), Signed(PrintedGap(g)), Interval(g.Low, g.High)]))],
        "The disadvantage gap");

    /// <summary>The gap as the table prints it: the disadvantaged figure minus the others', each first rounded half-up to one decimal place as printed; null when either is unknown.</summary>
    public static decimal? PrintedGap(GapEstimate gap) =>
        gap.Disadvantaged is { } a && gap.Others is { } b ? Percentages.RoundHalfUp(a, 1) - Percentages.RoundHalfUp(b, 1) : null;

    private static bool IsRate(GapEstimate gap) => !gap.Measure.StartsWith("Behaviour", StringComparison.Ordinal);

    // Both forms round half-up to one decimal place, as PrintedGap does before subtracting.
    private static string Value(GapEstimate gap, decimal? value) => IsRate(gap) ? Percent(value) : value is { } v ? PerPupil(v) : "-";

    /// <summary>"+1.2", "-3.4", "0.0": one decimal place, half-up, always signed.</summary>
    public static string Signed(decimal? value)
    {
        if (value is not { } v)
        {
            return "-";
        }

        var rounded = Percentages.RoundHalfUp(v, 1);
        return rounded == 0 ? "0.0" : (rounded > 0 ? "+" : "") + rounded.ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>"-30.7 to -1.3"; "-" when there is no interval (a group of one).</summary>
    public static string Interval(double? low, double? high) => low is { } l && high is { } h
        ? $"{Signed((decimal)l)} to {Signed((decimal)h)}"
        : "-";
}
