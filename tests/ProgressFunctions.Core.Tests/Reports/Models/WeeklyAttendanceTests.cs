using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class WeeklyAttendanceTests
{
    [Fact]
    public void Of_HalfTermAndUnmarkedWeek_SkipsHolidayAndLeavesGap()
    {
        // Autumn 2025: INSET 1-2 Sep, half term 27 Oct-2 Nov. Present from 3 Sep to 24 Oct, absent (I) all of 3-7 Nov, 10-14 Nov unmarked.
        var register = new Builders.RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-10-24")).Fill(D("2025-11-03"), D("2025-11-07"), "I").Build();

        var weeks = WeeklyAttendance.Of(register, new DateRange(D("2025-08-01"), D("2025-11-14")));

        Assert.Equal(10, weeks.Count);   // 1 Sep to 20 Oct is 8 school weeks, then 3 Nov and 10 Nov
        Assert.Equal(D("2025-09-01"), weeks[0].Monday);
        Assert.Equal(3, weeks[0].Totals.Possible / 2);
        Assert.Equal(100m, weeks[7].AttendanceRate);
        Assert.Equal((D("2025-11-03"), 0m), (weeks[8].Monday, weeks[8].AttendanceRate!.Value));
        Assert.Equal(D("2025-11-10"), weeks[9].Monday);
        Assert.Null(weeks[9].AttendanceRate);
    }

    [Fact]
    public void Of_RangeEndsMidWeek_CountsOnlyDaysInside()
    {
        var register = new Builders.RegisterBuilder(Year2025).Present(D("2025-09-08"), D("2025-09-12")).Build();

        var weeks = WeeklyAttendance.Of(register, new DateRange(D("2025-09-08"), D("2025-09-10")));

        Assert.Equal(6, Assert.Single(weeks).Totals.Possible);
    }
}
