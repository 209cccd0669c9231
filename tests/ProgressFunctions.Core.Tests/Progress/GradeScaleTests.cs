using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Tests.Progress;

public class GradeScaleTests
{
    private static readonly GradeScale s_mastery = GradeScale.Custom("Mastery", ["Emerging", "Developing", "Secure", "Mastered"]);

    [Theory]
    [InlineData("Emerging", 1)]
    [InlineData("secure", 3)]
    [InlineData(" Mastered ", 4)]
    public void TryGetValue_CustomScale_ValuesGradesOneTwoThreeFromTheLowest(string grade, int value)
    {
        Assert.True(s_mastery.TryGetValue(grade, out var actual));
        Assert.Equal(value, actual);
    }

    [Fact]
    public void Custom_NoThresholdsGiven_UsesTheDefaults() => Assert.Equal(BandThresholds.Default, s_mastery.Thresholds);

    [Fact]
    public void Custom_OwnThresholds_BandsByThemNotTheDefaults()
    {
        var scale = GradeScale.Custom("Steps", ["1", "2", "3", "4", "5", "6"], new BandThresholds(1m, -1m, -2m));
        Assert.Equal(ProgressBand.OnTrack, ProgressBands.Of(-0.5m, scale.Thresholds));
        Assert.Equal(ProgressBand.Below, ProgressBands.Of(-0.5m, GradeScale.Gcse.Thresholds));
    }

    [Fact]
    public void Custom_SameGradeTwice_IsRejected() =>
        Assert.Throws<ArgumentException>(() => GradeScale.Custom("Bad", ["Secure", "secure"]));

    [Fact]
    public void NotOnScaleMessage_UnknownGrade_NamesTheGradeAndTheScale()
    {
        Assert.False(s_mastery.TryGetValue("Expert", out _));
        Assert.Equal("'Expert' is not a grade on the Mastery scale (grades: Emerging, Developing, Secure, Mastered)", s_mastery.NotOnScaleMessage("Expert"));
    }

    [Fact]
    public void ValueOf_UnknownGcseGrade_ThrowsNamingGradeAndScale()
    {
        var error = Assert.Throws<ArgumentException>(() => GradeScale.Gcse.ValueOf("10"));
        Assert.StartsWith("'10' is not a grade on the GCSE scale", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotOnScaleMessage_LongScale_GivesTheRangeInsteadOfEveryGrade() =>
        Assert.Equal("'79' is not a grade on the KS2 scale (80 to 120)", GradeScale.Ks2ScaledScore.NotOnScaleMessage("79"));

    [Theory]
    [InlineData("4.49", "4")]
    [InlineData("4.5", "5")]
    [InlineData("-1", "U")]
    [InlineData("12", "9")]
    public void NearestGrade_GcseValue_RoundsHalfUpAndClamps(string value, string grade) =>
        Assert.Equal(grade, GradeScale.Gcse.NearestGrade(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void GradeScaleSet_WithCustomScale_FindsItByNameCaseInsensitively()
    {
        Assert.True(GradeScaleSet.Standard.With(s_mastery).TryGet("mastery", out var found));
        Assert.Same(s_mastery, found);
    }

    [Theory]
    [InlineData("0.5", "-0.5", "-1.5", true)]
    [InlineData("0.5", "-0.5", "-0.5", true)]
    [InlineData("0.5", "0.5", "-1.5", false)]
    [InlineData("0.5", "-0.5", "0", false)]
    public void Problem_Thresholds_OnlyOrderedOnesAreAccepted(string above, string below, string wellBelow, bool ok)
    {
        static decimal P(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ok, new BandThresholds(P(above), P(below), P(wellBelow)).Problem is null);
    }
}
