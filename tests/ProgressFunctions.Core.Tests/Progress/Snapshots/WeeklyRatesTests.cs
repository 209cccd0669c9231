using ProgressFunctions.Core.Progress.Snapshots;

namespace ProgressFunctions.Core.Tests.Progress.Snapshots;

public class WeeklyRatesTests
{
    [Fact]
    public void Read_WrittenText_EachWeekAndItsRateAsWritten()
    {
        var weeks = WeeklyRates.Read("250901=100;250908=96.6;251215=;260105=0;260112=87.25");

        Assert.Equal(
            [
                (new DateOnly(2025, 9, 1), 100m),
                (new DateOnly(2025, 9, 8), 96.6m),
                (new DateOnly(2025, 12, 15), null),
                (new DateOnly(2026, 1, 5), 0m),
                (new DateOnly(2026, 1, 12), (decimal?)87.25m),
            ],
            weeks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Read_NoText_NoWeeks(string? text)
    {
        Assert.Empty(WeeklyRates.Read(text));
    }

    [Fact]
    public void Read_OneWeek_OneEntry()
    {
        Assert.Equal((new DateOnly(2026, 3, 9), (decimal?)95.5m), Assert.Single(WeeklyRates.Read("260309=95.5")));
    }
}
