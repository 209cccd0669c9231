using System.Globalization;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Sen;
using ProgressFunctions.Core.Reports.YearGroups;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Integration.Tests.Reconciliation.Recount;

namespace ProgressFunctions.Integration.Tests.Reconciliation;

/// <summary>The progress half of intervention impact, recounted from assessments.csv, targets.csv and interventions.csv.</summary>
/// <remarks>
/// The rule, restated here: both windows are the intervention's length in school days (to its end, or to the as-of
/// date while open), no longer than the school days before its start (from the year's first, or the pupil's
/// admission). For each subject with a target, the distance from the flight path (result minus the straight line from
/// the baseline on the course start to the target on the course end, in grade points, at the result's own date) of the
/// latest result before the start is paired with that of the latest result up to the window's last day, if that result
/// is dated on or after the start. The pupil's figure before and from the start is the mean over the paired subjects;
/// a type's figure is the mean of its measured interventions' figures, and an intervention improved when its mean from
/// the start is higher than before.
/// </remarks>
public sealed partial class ReconciliationTests
{
    [Theory]
    [MemberData(nameof(Phases))]
    public async Task Interventions_ProgressBeforeAndFromTheStartByType_MatchesTheExport(SchoolPhase phase)
    {
        var school = await schools.For(phase);
        var rows = RolesOf(school);
        var asOf = school.Snapshot.AsOf;
        var onRoll = school.Export.Pupils.Where(p => p.OnRoll(asOf)).ToList();
        var measured = 0;
        foreach (var year in onRoll.GroupBy(p => p.Year))
        {
            var model = YearGroupReport.Build(new YearGroupReportInput(school.Export.SchoolName, asOf, school.Snapshot, year.Key, school.Directory));
            measured += AssertProgressImpact(school, rows, model, school.Pdf($"-year-{year.Key}.pdf"), [.. year]);
        }

        var sen = SenReport.Build(new SenReportInput(school.Export.SchoolName, asOf, school.Snapshot, school.Directory));
        var inSen = AssertProgressImpact(school, rows, sen, school.Pdf("-sen.pdf"), [.. onRoll.Where(p => p.Sen != "N")]);
        Assert.True(measured > 0 && inSen > 0, $"progress was compared for {measured} interventions in the year reports and {inSen} in the SEN report");
    }

    /// <summary>The progress cells of the impact table and of each pupil's row, for <paramref name="pupils"/>' interventions.</summary>
    /// <returns>The number of interventions whose progress was measured.</returns>
    /// <remarks>With suppressSmall, as in the governors' report, a type with fewer than 5 pupils is left to <see cref="AssertImpact"/> ("c" only), and no pupil's row is shown.</remarks>
    private static int AssertProgressImpact(ReconciledSchool school, RoleRows rows, ReportDocument model, string pdf, IReadOnlyList<PupilRow> pupils, bool suppressSmall = false)
    {
        var asOf = school.Snapshot.AsOf;
        var days = rows.SchoolDays.Where(d => d >= YearStart(asOf) && d <= asOf).ToList();
        var byUpn = pupils.ToDictionary(p => p.Upn, StringComparer.Ordinal);
        var outcomes = rows.Interventions.Where(i => byUpn.ContainsKey(i.Upn) && i.Start <= asOf).Select(i =>
        {
            var pupil = byUpn[i.Upn];
            var start = days.Count(d => d < i.Start);
            var last = i.End is { } end && end < asOf ? end : asOf;
            var length = days.Count(d => d >= i.Start && d <= last);
            var first = pupil.Admitted is { } admitted ? days.Count(d => d < admitted) : 0;
            var window = Math.Max(0, Math.Min(length, start - first));
            if (window == 0)
            {
                return (Intervention: i, Pupil: pupil, Progress: ((decimal Before, decimal During)?)null);
            }

            var before = Distances(school, pupil, i.Start.AddDays(-1));
            var pairs = Distances(school, pupil, days[start + window - 1])
                .Where(d => d.Value.Date >= i.Start && before.ContainsKey(d.Key)).Select(d => (Before: before[d.Key].Distance, During: d.Value.Distance)).ToList();
            return (i, pupil, pairs.Count == 0 ? null : (pairs.Sum(p => p.Before) / pairs.Count, pairs.Sum(p => p.During) / pairs.Count));
        }).ToList();

        var summary = model.Blocks.OfType<TableBlock>().SingleOrDefault(t => t.Caption == "Impact by type of intervention");
        Assert.Equal(outcomes.Count > 0, summary is not null);
        foreach (var type in outcomes.GroupBy(o => o.Intervention.Type).Where(t => !suppressSmall || t.Select(o => o.Pupil.Upn).Distinct().Count() >= 5))
        {
            var progress = type.Where(o => o.Progress is not null).Select(o => o.Progress!.Value).ToList();
            var (before, during) = progress.Count == 0 ? (0m, 0m) : (progress.Sum(p => p.Before) / progress.Count, progress.Sum(p => p.During) / progress.Count);
            string[] expected =
            [
                progress.Count == 0 ? "No results yet" : $"{Signed(before)} to {Signed(during)}",
                progress.Count == 0 ? "-" : Signed(Printed(during) - Printed(before)),
                $"{Number(progress.Count(p => p.During > p.Before))} of {Number(progress.Count)}",
            ];
            Assert.Equal(expected, summary!.Rows.Single(r => r.Cells[0] == type.Key).Cells.Skip(6));
            AssertNear(pdf, [type.Key, .. expected]);
        }

        var each = model.Blocks.OfType<TableBlock>().SingleOrDefault(t => t.Caption == "Each pupil's interventions");
        Assert.Equal(suppressSmall, each is null);
        foreach (var (intervention, pupil, progress) in each is null ? [] : outcomes)
        {
            var cell = progress is { } p ? $"{Signed(p.Before)} to {Signed(p.During)}" : "No result to compare";
            var dates = intervention.End is { } end && !intervention.OpenOn(asOf) ? $"{Long(intervention.Start)} to {Long(end)}" : $"from {Long(intervention.Start)}, open";
            var row = each!.Rows.Single(r => r.Cells[0] == pupil.Listed && r.Cells[1].StartsWith(intervention.Type, StringComparison.Ordinal) && r.Cells[2] == dates);
            Assert.Equal(cell, row.Cells[5]);
        }

        return outcomes.Count(o => o.Progress is not null);
    }

    /// <summary>Each subject's latest result up to <paramref name="date"/> and its distance from the flight path, by subject (trimmed, any case).</summary>
    private static Dictionary<string, (DateOnly Date, decimal Distance)> Distances(ReconciledSchool school, PupilRow pupil, DateOnly date)
    {
        var distances = new Dictionary<string, (DateOnly, decimal)>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in TargetsOf(school, pupil))
        {
            if (OnPath(school.Export, target, date) is { } latest)
            {
                distances[target.Subject.Trim()] = (latest.Row.Date, latest.Value - latest.Expected);
            }
        }

        return distances;
    }

    /// <summary>The flight paths of a pupil's subjects.</summary>
    /// <remarks>
    /// The export's target rows; a GCSE subject the export gives no target in has the DfE estimate, whose grade is the
    /// snapshot's (checked on its own, as in <see cref="NeedsAttention"/>) on a course of the year (Year 10: to the end
    /// of next year; Year 11: from the start of last year), with no baseline (the first result of the course is used).
    /// </remarks>
    private static List<TargetRow> TargetsOf(ReconciledSchool school, PupilRow pupil)
    {
        var year = YearStart(school.Snapshot.AsOf);
        var (courseStart, courseEnd) = pupil.Year switch
        {
            10 => (year, year.AddYears(2).AddDays(-1)),
            11 => (year.AddYears(-1), year.AddYears(1).AddDays(-1)),
            _ => (year, year.AddYears(1).AddDays(-1)),
        };
        var given = school.Export.Targets.Where(t => t.Upn == pupil.Upn).ToList();
        var estimated = (school.Snapshot.Pupil(pupil.Id)?.Subjects ?? [])
            .Where(s => s.TargetSource == Core.Progress.TargetSource.DfeTransitionMatrix && !given.Any(t => Same(t.Subject, s.Subject)))
            .Select(s => new TargetRow(pupil.Upn, s.Subject, "GCSE", s.TargetGrade, "", courseStart, courseEnd, ""));
        return [.. given, .. estimated];
    }

    /// <summary>The latest result on the target's scale up to <paramref name="date"/>, its value, and the flight path's value on its date; null with no result.</summary>
    private static (ResultRow Row, decimal Value, decimal Expected)? OnPath(ExportRows export, TargetRow target, DateOnly date)
    {
        var results = export.Results
            .Where(r => r.Upn == target.Upn && Same(r.Subject, target.Subject) && r.Date <= date && string.Equals(r.Scale, target.Scale, StringComparison.OrdinalIgnoreCase))
            .Select(r => (Row: r, Value: Value(export, r.Scale, r.Grade))).Where(r => r.Value is not null)
            .OrderBy(r => r.Row.Date).ThenBy(r => r.Row.Point, StringComparer.Ordinal).ToList();
        if (results.Count == 0)
        {
            return null;
        }

        var goal = Value(export, target.Scale, target.Grade)!.Value;
        var baseline = (target.Baseline.Length > 0 ? Value(export, target.Scale, target.Baseline) : null)
            ?? results.Where(r => r.Row.Date >= target.Start).Select(r => r.Value).FirstOrDefault() ?? goal;
        var (latest, value) = (results[^1].Row, results[^1].Value!.Value);
        var expected = latest.Date <= target.Start ? (target.End <= target.Start && latest.Date == target.Start ? goal : baseline)
            : latest.Date >= target.End ? goal
            : baseline + ((goal - baseline) * (latest.Date.DayNumber - target.Start.DayNumber) / (target.End.DayNumber - target.Start.DayNumber));
        return (latest, value, expected);
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
