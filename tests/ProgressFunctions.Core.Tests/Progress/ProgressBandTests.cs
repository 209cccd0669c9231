using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Tests.Progress;

public class ProgressBandTests
{
    [Theory]
    [InlineData("2", ProgressBand.Above)]
    [InlineData("0.5", ProgressBand.Above)]         // exactly +0.5 is above
    [InlineData("0.4999", ProgressBand.OnTrack)]
    [InlineData("0", ProgressBand.OnTrack)]
    [InlineData("-0.4999", ProgressBand.OnTrack)]
    [InlineData("-0.5", ProgressBand.Below)]        // exactly -0.5 is below
    [InlineData("-1.4999", ProgressBand.Below)]
    [InlineData("-1.5", ProgressBand.WellBelow)]    // exactly -1.5 is well below
    [InlineData("-3", ProgressBand.WellBelow)]
    public void Of_DefaultThresholds_PutsEachEdgeInTheBandFurtherFromOnTrack(string difference, ProgressBand expected) =>
        Assert.Equal(expected, ProgressBands.Of(decimal.Parse(difference, System.Globalization.CultureInfo.InvariantCulture), BandThresholds.Default));

    [Theory]
    [InlineData("1", ProgressBand.Above)]
    [InlineData("0.99", ProgressBand.OnTrack)]
    [InlineData("-1", ProgressBand.Below)]
    [InlineData("-2.99", ProgressBand.Below)]
    [InlineData("-3", ProgressBand.WellBelow)]
    public void Of_CustomThresholds_UsesThem(string difference, ProgressBand expected) =>
        Assert.Equal(expected, ProgressBands.Of(decimal.Parse(difference, System.Globalization.CultureInfo.InvariantCulture), new BandThresholds(1m, -1m, -3m)));

    [Theory]
    [InlineData(ProgressBand.Above, false)]
    [InlineData(ProgressBand.OnTrack, false)]
    [InlineData(ProgressBand.Below, true)]
    [InlineData(ProgressBand.WellBelow, true)]
    public void IsBelowExpected_EachBand_OnlyBelowAndWellBelow(ProgressBand band, bool expected) => Assert.Equal(expected, band.IsBelowExpected());
}
