using ProgressFunctions.Core.Progress;
using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Progress;

public class ProgressEvaluationTests
{
    private static readonly DateOnly s_start = D(2025, 9, 1);
    private static readonly DateOnly s_end = D(2026, 8, 31);   // 364 days: 3 -> 5 is 1/182 of a point a day

    private static SubjectProgress Single(ProgressResult result) => Assert.Single(result.Subjects);

    [Fact]
    public void Evaluate_ResultOnThePath_IsOnTrackAndMakingProgress()
    {
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "Maths", "5", baseline: "3", start: s_start, end: s_end)],
            [Result("p1", "Maths", "Autumn 2", D(2025, 12, 1), "4")],
            GradeScaleSet.Standard, D(2026, 1, 10));

        var latest = Single(result).Latest!.Value;
        Assert.Equal(3.5m, latest.Expected);
        Assert.Equal(0.5m, latest.Difference);
        Assert.Equal(ProgressBand.Above, latest.Band);
        Assert.False(Single(result).NotMakingExpectedProgress);
    }

    [Fact]
    public void Evaluate_BelowAtTheLatestPoint_IsNotMakingExpectedProgress()
    {
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "Maths", "5", baseline: "3", start: s_start, end: s_end)],
            [Result("p1", "Maths", "Spring 2", D(2026, 3, 2), "3")],      // expected 4 on that day: d = -1
            GradeScaleSet.Standard, D(2026, 3, 31));

        Assert.Equal(ProgressBand.Below, Single(result).Latest!.Value.Band);
        Assert.Equal(ProgressConcern.BelowAtLatestPoint, Single(result).Concerns);
    }

    [Fact]
    public void Evaluate_FallingTwoPointsInARow_IsNotMakingExpectedProgressEvenWhenOnTrack()
    {
        // Flat path at 5 (baseline 5 = target): 7, 6, 5 is above, above, on track, but falls twice running.
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "History", "5", baseline: "5", start: s_start, end: s_end)],
            [Result("p1", "History", "DD3", D(2026, 3, 1), "5"), Result("p1", "History", "DD1", D(2025, 11, 1), "7"), Result("p1", "History", "DD2", D(2026, 1, 15), "6")],
            GradeScaleSet.Standard, D(2026, 4, 1));

        var progress = Single(result);
        Assert.Equal(["DD1", "DD2", "DD3"], progress.Points.Select(p => p.Point));
        Assert.Equal(ProgressBand.OnTrack, progress.Latest!.Value.Band);
        Assert.Equal(ProgressConcern.FallingTwoPointsInARow, progress.Concerns);
        Assert.True(progress.NotMakingExpectedProgress);
    }

    [Fact]
    public void Evaluate_FallThenHold_IsNotFallingTwoPointsInARow()
    {
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "History", "5", baseline: "5", start: s_start, end: s_end)],
            [Result("p1", "History", "DD1", D(2025, 11, 1), "7"), Result("p1", "History", "DD2", D(2026, 1, 15), "6"), Result("p1", "History", "DD3", D(2026, 3, 1), "6")],
            GradeScaleSet.Standard, D(2026, 4, 1));

        Assert.False(Single(result).IsFallingTwoPointsInARow);
        Assert.False(Single(result).NotMakingExpectedProgress);
    }

    [Fact]
    public void Evaluate_ResultsAfterAsOf_AreIgnored()
    {
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "Maths", "5", baseline: "3", start: s_start, end: s_end)],
            [Result("p1", "Maths", "DD1", D(2025, 12, 1), "4"), Result("p1", "Maths", "DD2", D(2026, 3, 2), "2")],
            GradeScaleSet.Standard, D(2026, 1, 1));

        Assert.Equal("DD1", Single(result).Latest!.Value.Point);
    }

    [Fact]
    public void Evaluate_UnknownGrade_IsAnIssueNamingGradeAndScaleAndTheOtherResultsStillCount()
    {
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "Maths", "5", baseline: "3", start: s_start, end: s_end)],
            [Result("p1", "Maths", "DD1", D(2025, 12, 1), "4"), Result("p1", "Maths", "DD2", D(2026, 2, 1), "A*")],
            GradeScaleSet.Standard, D(2026, 3, 1));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(("p1", "Maths", "DD2"), (issue.PupilId, issue.Subject, issue.Point));
        Assert.Contains("'A*' is not a grade on the GCSE scale", issue.Message, StringComparison.Ordinal);
        Assert.Single(Single(result).Points);
    }

    [Fact]
    public void Evaluate_ResultOnAnotherScale_IsAnIssueNotAComparison()
    {
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "Maths", "5")],
            [Result("p1", "Maths", "SATs", D(2025, 9, 5), "104", scale: "KS2")],
            GradeScaleSet.Standard, D(2025, 10, 1));

        Assert.Equal("a result on the KS2 scale cannot be compared with a target on the GCSE scale", Assert.Single(result.Issues).Message);
        Assert.Empty(Single(result).Points);
    }

    [Fact]
    public void Evaluate_TargetGradeUnknown_DropsTheSubjectWithAnIssue()
    {
        var result = ProgressEvaluation.Evaluate([Target("p1", "Maths", "B")], [], GradeScaleSet.Standard, D(2025, 10, 1));
        Assert.Empty(result.Subjects);
        Assert.StartsWith("target 'B' is not a grade on the GCSE scale", Assert.Single(result.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoBaseline_StartsThePathAtTheFirstResultOfTheCourse()
    {
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "Maths", "6", start: s_start, end: s_end)],
            [Result("p1", "Maths", "Y9", D(2025, 6, 1), "2"), Result("p1", "Maths", "DD1", D(2025, 9, 1), "4")],
            GradeScaleSet.Standard, D(2025, 10, 1));

        Assert.Equal(4m, Single(result).Path.Baseline);
    }

    [Fact]
    public void Evaluate_CustomScale_BandsWithThatScalesThresholds()
    {
        var scales = GradeScaleSet.Standard.With(GradeScale.Custom("Mastery", ["Emerging", "Developing", "Secure", "Mastered"], new BandThresholds(1m, -1m, -2m)));
        var result = ProgressEvaluation.Evaluate(
            [Target("p1", "Art", "Secure", baseline: "Secure", start: s_start, end: s_end, scale: "mastery")],
            [Result("p1", "Art", "DD1", D(2025, 12, 1), "developing", scale: "Mastery")],
            scales, D(2026, 1, 1));

        var latest = Single(result).Latest!.Value;
        Assert.Equal(("Developing", -1m, ProgressBand.Below), (latest.Grade, latest.Difference, latest.Band));
    }
}
