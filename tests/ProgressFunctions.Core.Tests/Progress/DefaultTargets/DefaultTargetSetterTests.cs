using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.DefaultTargets;
using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Progress.DefaultTargets;

public class DefaultTargetSetterTests
{
    [Fact]
    public void For_Ks2Average101InMaths_IsGcse4MarkedAsADfeDefault()
    {
        var target = DefaultTargetSetter.For(new SubjectEnrolment("p1", "Maths", Ks2PriorAttainment.Of(100, 102), D(2024, 9, 1), D(2026, 7, 31), "11X1"), TransitionMatrices.Dfe2024)!;
        Assert.Equal(("p1", "Maths", "GCSE", "4", TargetSource.DfeTransitionMatrix), (target.PupilId, target.Subject, target.Scale, target.Grade, target.Source));
        Assert.Equal((D(2024, 9, 1), D(2026, 7, 31), "11X1"), (target.CourseStart!.Value, target.CourseEnd!.Value, target.TeachingGroup));
    }

    [Fact]
    public void Fill_SchoolTargetGiven_KeepsItAndAddsDefaultsOnlyForTheGaps()
    {
        var targets = DefaultTargetSetter.Fill(
            [Target("p1", "Mathematics", "7")],
            [new SubjectEnrolment("p1", " mathematics", 101m), new SubjectEnrolment("p1", "English Language", 101m), new SubjectEnrolment("p1", "Klingon", 101m)],
            TransitionMatrices.Dfe2024);

        Assert.Equal(
            [("Mathematics", "7", TargetSource.School), ("English Language", "3", TargetSource.DfeTransitionMatrix)],
            targets.Select(t => (t.Subject, t.Grade, t.Source)));
    }

    [Theory]
    [InlineData(100, 103, "101.5")]
    [InlineData(null, 104, "104")]
    [InlineData(99, null, "99")]
    public void Ks2PriorAttainment_Of_IsTheExactMeanOrTheOneScore(int? reading, int? maths, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Ks2PriorAttainment.Of(reading, maths));

    [Fact]
    public void Ks2PriorAttainment_Of_NoScores_IsNull() => Assert.Null(Ks2PriorAttainment.Of(null, null));
}
