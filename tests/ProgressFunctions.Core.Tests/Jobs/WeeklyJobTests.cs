using ProgressFunctions.Core.Jobs;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Jobs;

public class WeeklyJobTests
{
    /// <remarks>
    /// 2025/26: INSET 1-2 Sep, so the first school week is 3-5 Sep; half term 27-31 Oct. A week is due on its last
    /// school day once that day's marks are in, else caught up by the next school day.
    /// </remarks>
    [Theory]
    [InlineData("2025-10-10", true, "2025-10-10", "2025-10-06", "2025-10-06", "2025-10-10")]
    [InlineData("2025-10-10", false, "2025-10-09", "2025-09-29", "2025-09-29", "2025-10-03")]
    [InlineData("2025-10-13", true, "2025-10-13", "2025-10-06", "2025-10-06", "2025-10-10")]
    [InlineData("2025-10-13", false, "2025-10-09", "2025-10-06", "2025-10-06", "2025-10-09")]
    [InlineData("2025-11-03", true, "2025-11-03", "2025-10-20", "2025-10-20", "2025-10-24")]
    [InlineData("2025-10-24", true, "2025-10-24", "2025-10-20", "2025-10-20", "2025-10-24")]
    [InlineData("2025-09-05", true, "2025-09-05", "2025-09-01", "2025-09-03", "2025-09-05")]
    public void Due_SchoolDay_TheWeekAndItsDays(string asOf, bool marksToday, string measuredOn, string monday, string first, string last)
    {
        var due = WeeklyJob.Due(Year2025, D(asOf), marksToday, D(measuredOn));

        Assert.Equal(new DueWeek(D(monday), new ProgressFunctions.Core.Schools.DateRange(D(first), D(last))), due);
    }

    [Theory]
    [InlineData("2025-09-03", true)]
    [InlineData("2025-09-04", true)]
    [InlineData("2025-09-05", false)]
    [InlineData("2025-10-11", true)]
    public void Due_NoWeekToCover_Null(string asOf, bool marksToday)
    {
        Assert.Null(WeeklyJob.Due(Year2025, D(asOf), marksToday, D(asOf)));
    }
}
