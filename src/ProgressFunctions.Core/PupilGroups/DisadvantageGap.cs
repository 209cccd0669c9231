using ProgressFunctions.Core.Progress.Snapshots;

namespace ProgressFunctions.Core.PupilGroups;

/// <summary>One measure's gap between disadvantaged pupils and the others, with its 95% confidence interval.</summary>
/// <remarks>
/// <see cref="Difference"/> is disadvantaged minus others, in the measure's unit (percentage points for rates, points
/// per pupil for behaviour), exact: the interval is centred on it, while reports print the difference of the two rounded
/// figures (<see cref="Reports.PupilGroups.GroupTables.PrintedGap"/>) so that the printed numbers subtract; <see cref="Low"/> and <see cref="High"/> bound its 95% confidence interval and are
/// for display only. <see cref="Suppressed"/>: either group has fewer than <see cref="GroupFigures.MinimumPupils"/>
/// pupils counted in the measure, and nothing is shown.
/// </remarks>
public sealed record GapEstimate(string Measure, decimal? Disadvantaged, decimal? Others, int DisadvantagedPupils, int OtherPupils, decimal? Difference, double? Low, double? High)
{
    public bool Suppressed => DisadvantagedPupils < GroupFigures.MinimumPupils || OtherPupils < GroupFigures.MinimumPupils;
}

/// <summary>The disadvantage gap: each cohort measure for disadvantaged pupils against the others, with a 95% confidence interval.</summary>
/// <remarks>
/// <para>
/// The pupil is the unit throughout, because a pupil's sessions are not independent of one another (an illness spell
/// takes several; some pupils miss many): treating sessions as independent trials would make the interval far too
/// narrow. Every interval uses the normal approximation, the difference plus or minus 1.96 standard errors, the two
/// groups being independent samples.
/// </para>
/// <para>
/// Attendance is the rate the reports print (each group's sessions summed, then divided), so the gap is the difference
/// of the two printed rates. Its standard error is the ratio estimator's (a group's rate R = sum(attended) /
/// sum(possible); with residuals e = attended - R x possible per pupil, Var(R) = n / (n - 1) x sum(e^2) / sum(possible)^2,
/// n pupils with possible sessions), which weighs each pupil by their own sessions and allows for their clustering.
/// Persistent absence, severe absence and needing attention for progress are yes/no per pupil: a difference of two
/// proportions, with the unpooled (Wald) standard error sqrt(p1(1 - p1)/n1 + p2(1 - p2)/n2). Behaviour points per
/// pupil is a difference of two means, with Welch's standard error sqrt(s1^2/n1 + s2^2/n2) (sample variances).
/// </para>
/// <para>
/// A group with fewer than 5 pupils counted in a measure suppresses that measure's gap, as DfE suppresses small groups.
/// When the standard error is 0 (both proportions 0 or 1, or every value alike) the normal approximation says nothing,
/// and no interval is given.
/// The interval is computed in double precision from the exact counts; only the difference itself is exact.
/// </para>
/// </remarks>
public static class DisadvantageGap
{
    /// <summary>The 97.5th percentile of the standard normal distribution.</summary>
    public const double Z95 = 1.959963984540054;

    public static IReadOnlyList<GapEstimate> Of(IReadOnlyList<PupilSnapshot> pupils)
    {
        var (disadvantaged, others) = GroupBreakdown.SplitByDisadvantage(pupils);
        var (dis, oth) = (WithSessions(disadvantaged), WithSessions(others));
        var (disResults, othResults) = (disadvantaged.Where(p => p.HasResults).ToList(), others.Where(p => p.HasResults).ToList());
        return
        [
            Ratio("Attendance", [.. dis.Select(p => (p.YearAttendance.Attended, p.YearAttendance.Possible))], [.. oth.Select(p => (p.YearAttendance.Attended, p.YearAttendance.Possible))]),
            Proportion("Persistent absence", dis.Count(p => p.YearAttendance.IsPersistentAbsence), dis.Count, oth.Count(p => p.YearAttendance.IsPersistentAbsence), oth.Count),
            Proportion("Severe absence", dis.Count(p => p.YearAttendance.IsSevereAbsence), dis.Count, oth.Count(p => p.YearAttendance.IsSevereAbsence), oth.Count),
            Proportion("Needs attention for progress", disResults.Count(p => p.NeedsAttention is not null), disResults.Count, othResults.Count(p => p.NeedsAttention is not null), othResults.Count),
            Mean("Behaviour points per pupil", [.. disadvantaged.Select(p => p.BehaviourPoints)], [.. others.Select(p => p.BehaviourPoints)]),
        ];
    }

    private static List<PupilSnapshot> WithSessions(IEnumerable<PupilSnapshot> pupils) => [.. pupils.Where(p => p.YearAttendance.Possible > 0)];

    /// <summary>The gap between two groups' pooled rates (percent), with the ratio estimator's interval.</summary>
    public static GapEstimate Ratio(string measure, IReadOnlyList<(int Part, int Whole)> a, IReadOnlyList<(int Part, int Whole)> b)
    {
        var (rateA, varA) = RatioOf(a);
        var (rateB, varB) = RatioOf(b);
        return Estimate(measure, rateA, rateB, a.Count, b.Count, varA is null || varB is null ? null : 100 * Math.Sqrt(varA.Value + varB.Value));
    }

    /// <summary>The gap between two proportions of pupils (percent), with the Wald interval.</summary>
    public static GapEstimate Proportion(string measure, int hitsA, int pupilsA, int hitsB, int pupilsB)
    {
        double? Variance(int hits, int n) => n == 0 ? null : (double)hits / n * (1 - ((double)hits / n)) / n;
        var (varA, varB) = (Variance(hitsA, pupilsA), Variance(hitsB, pupilsB));
        return Estimate(measure, Percentages.Of(hitsA, pupilsA), Percentages.Of(hitsB, pupilsB), pupilsA, pupilsB,
            varA is null || varB is null ? null : 100 * Math.Sqrt(varA.Value + varB.Value));
    }

    /// <summary>The gap between two means, with Welch's interval.</summary>
    public static GapEstimate Mean(string measure, IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        static (decimal? Mean, double? Variance) Of(IReadOnlyList<int> values)
        {
            if (values.Count < 2)
            {
                return (values.Count == 0 ? null : values[0], null);
            }

            var mean = (double)values.Sum() / values.Count;
            return ((decimal)values.Sum() / values.Count, values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count);
        }

        var (meanA, varA) = Of(a);
        var (meanB, varB) = Of(b);
        return Estimate(measure, meanA, meanB, a.Count, b.Count, varA is null || varB is null ? null : Math.Sqrt(varA.Value + varB.Value));
    }

    private static (decimal? Rate, double? Variance) RatioOf(IReadOnlyList<(int Part, int Whole)> pupils)
    {
        var (part, whole) = (pupils.Sum(p => (long)p.Part), pupils.Sum(p => (long)p.Whole));
        if (whole == 0)
        {
            return (null, null);
        }

        var rate = (double)part / whole;
        var residuals = pupils.Sum(p => Math.Pow(p.Part - (rate * p.Whole), 2));
        var n = pupils.Count;
        return (Percentages.Of(part, whole), n < 2 ? null : n / (n - 1.0) * residuals / ((double)whole * whole));
    }

    private static GapEstimate Estimate(string measure, decimal? a, decimal? b, int pupilsA, int pupilsB, double? standardError)
    {
        // A standard error of 0 (no pupil of either group, or every one, has the measure) gives no interval, not "0.0 to 0.0".
        standardError = standardError > 0 ? standardError : null;
        var difference = a - b;
        return new GapEstimate(measure, a, b, pupilsA, pupilsB, difference,
            difference is { } d && standardError is { } se ? (double)d - (Z95 * se) : null,
            difference is { } d2 && standardError is { } se2 ? (double)d2 + (Z95 * se2) : null);
    }
}
