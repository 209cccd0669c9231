using ProgressFunctions.Core.PupilGroups;
using static ProgressFunctions.Core.Tests.PupilGroups.GroupPupils;

namespace ProgressFunctions.Core.Tests.PupilGroups;

public class DisadvantageGapTests
{
    /// <remarks>
    /// By hand: disadvantaged attended 9, 8, 10, 7, 6 of 10 each: R = 40/50 = 0.8, residuals 1, 0, 2, -1, -2, sum of squares 10,
    /// Var = 5/4 x 10 / 50^2 = 0.005. Others 10, 10, 10, 9, 9 of 10: R = 0.96, residuals 0.4 x3 and -0.6 x2, sum 1.2,
    /// Var = 5/4 x 1.2 / 2500 = 0.0006. Gap 80 - 96 = -16 points; SE = 100 x sqrt(0.0056) = 7.48331; x 1.95996 = 14.66703.
    /// </remarks>
    [Fact]
    public void Ratio_HandComputedGroups_GapAndIntervalAsByHand()
    {
        var gap = DisadvantageGap.Ratio("Attendance", [(9, 10), (8, 10), (10, 10), (7, 10), (6, 10)], [(10, 10), (10, 10), (10, 10), (9, 10), (9, 10)]);

        Assert.Equal((80m, 96m, -16m), (gap.Disadvantaged, gap.Others, gap.Difference));
        Assert.Equal(-30.66703, gap.Low!.Value, 4);
        Assert.Equal(-1.33297, gap.High!.Value, 4);
        Assert.False(gap.Suppressed);
    }

    /// <remarks>By hand: 3 of 10 against 1 of 20, gap +25 points; Var = .3 x .7 / 10 + .05 x .95 / 20 = 0.023375; SE 15.28888; x 1.95996 = 29.96566.</remarks>
    [Fact]
    public void Proportion_HandComputedGroups_WaldInterval()
    {
        var gap = DisadvantageGap.Proportion("Persistent absence", 3, 10, 1, 20);

        Assert.Equal((30m, 5m, 25m), (gap.Disadvantaged, gap.Others, gap.Difference));
        Assert.Equal(-4.96566, gap.Low!.Value, 4);
        Assert.Equal(54.96566, gap.High!.Value, 4);
    }

    [Fact]
    public void Proportion_NoPupilOfEitherGroup_NoIntervalRatherThanZeroToZero()
    {
        var gap = DisadvantageGap.Proportion("Severe absence", 0, 12, 0, 40);

        Assert.Equal((0m, false), (gap.Difference, gap.Suppressed));
        Assert.Equal((null, null), (gap.Low, gap.High));
        Assert.Equal("-", Core.Reports.PupilGroups.GroupTables.Interval(gap.Low, gap.High));
    }

    /// <remarks>By hand: 0, 2, 4, 6, 8 (mean 4, s^2 = 10) against six 1s (mean 1, s^2 = 0): gap 3, SE = sqrt(10/5) = 1.41421; x 1.95996 = 2.77181.</remarks>
    [Fact]
    public void Mean_HandComputedGroups_WelchInterval()
    {
        var gap = DisadvantageGap.Mean("Behaviour points per pupil", [0, 2, 4, 6, 8], [1, 1, 1, 1, 1, 1]);

        Assert.Equal((4m, 1m, 3m), (gap.Disadvantaged, gap.Others, gap.Difference));
        Assert.Equal(0.22819, gap.Low!.Value, 4);
        Assert.Equal(5.77181, gap.High!.Value, 4);
    }

    [Fact]
    public void Of_Snapshot_GapsFromThePupilsFigures()
    {
        int[] disadvantaged = [9, 8, 10, 7, 6];
        int[] others = [10, 10, 10, 9, 9];
        var pupils = disadvantaged.Select((a, i) => Pupil($"d{i}", disadvantaged: true, attended: a, behaviour: i * 2))
            .Concat(others.Select((a, i) => Pupil($"o{i}", attended: a, behaviour: 1))).ToList();

        var gaps = DisadvantageGap.Of(pupils);

        Assert.Equal(["Attendance", "Persistent absence", "Severe absence", "Needs attention for progress", "Behaviour points per pupil"], gaps.Select(g => g.Measure));
        Assert.Equal(-16m, gaps[0].Difference);
        Assert.Equal(-30.66703, gaps[0].Low!.Value, 4);
        Assert.Equal(Percentages.Of(4, 5) - Percentages.Of(2, 5), gaps[1].Difference);
        Assert.Equal(3m, gaps[4].Difference);
        Assert.True(gaps[3].Suppressed, "nobody has results, so the progress gap has no pupils to count");
    }

    [Fact]
    public void Of_FourDisadvantagedPupils_EveryGapSuppressed()
    {
        var pupils = Many(4, "d", id => Pupil(id, disadvantaged: true, attended: 8)).Concat(Many(20, "o", id => Pupil(id))).ToList();

        Assert.All(DisadvantageGap.Of(pupils), g => Assert.True(g.Suppressed, g.Measure));
    }
}
