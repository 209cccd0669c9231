namespace ProgressFunctions.Core.Tests;

public class PercentagesTests
{
    [Theory]
    [InlineData("12.25", 1, "12.3")]
    [InlineData("12.35", 1, "12.4")]
    [InlineData("12.45", 1, "12.5")]
    [InlineData("12.249999", 1, "12.2")]
    [InlineData("0.05", 1, "0.1")]
    [InlineData("99.95", 1, "100.0")]
    [InlineData("9.5", 0, "10")]
    [InlineData("10.5", 0, "11")]     // not banker's rounding, which gives 10
    [InlineData("2.675", 2, "2.68")]
    [InlineData("-2.25", 1, "-2.3")]  // a fall mirrors a rise
    public void RoundHalfUp_Midpoints_RoundUp(string value, int decimals, string expected)
    {
        var result = Percentages.RoundHalfUp(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result);
    }

    [Theory]
    [InlineData(1, 8, "12.5%")]
    [InlineData(49, 400, "12.3%")]   // 12.25 exactly
    [InlineData(0, 3, "0.0%")]
    public void Format_Fraction_RoundsHalfUpForDisplay(long part, long whole, string expected) =>
        Assert.Equal(expected, Percentages.Format(Percentages.Of(part, whole)));

    [Fact]
    public void Of_ZeroWhole_IsNullAndShowsDash()
    {
        Assert.Null(Percentages.Of(0, 0));
        Assert.Equal("-", Percentages.Format(null));
    }
}
