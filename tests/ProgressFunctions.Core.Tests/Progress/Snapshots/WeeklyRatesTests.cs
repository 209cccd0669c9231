using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress.Snapshots;

namespace ProgressFunctions.Core.Tests.Progress.Snapshots;

public class WeeklyRatesTests
{
    // Present, approved activity, authorised and unauthorised sessions of five weeks, one with none possible.
    private static readonly WeekAttendance[] s_weeks =
    [
        new(new DateOnly(2025, 9, 1), new AttendanceTotals(10, 0, 0, 0, 0)),
        new(new DateOnly(2025, 9, 8), new AttendanceTotals(8, 0, 1, 1, 0)),
        new(new DateOnly(2025, 9, 15), new AttendanceTotals(7, 0, 1, 1, 0)),
        new(new DateOnly(2025, 12, 15), AttendanceTotals.Zero),
        new(new DateOnly(2026, 1, 5), new AttendanceTotals(0, 0, 2, 8, 0)),
    ];

    [Fact]
    public void Write_Weeks_MondayAndRateRoundedHalfUpToOnePlace()
    {
        Assert.Equal("250901=100;250908=80;250915=77.8;251215=;260105=0", WeeklyRates.Write(s_weeks));
    }

    [Fact]
    public void Write_WeeksOfUnknownCount_SameText()
    {
        Assert.Equal(WeeklyRates.Write(s_weeks), WeeklyRates.Write(OneByOne()));
        Assert.Equal("", WeeklyRates.Write([]));

        static IEnumerable<WeekAttendance> OneByOne()
        {
            foreach (var week in s_weeks)
            {
                yield return week;
            }
        }
    }

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
