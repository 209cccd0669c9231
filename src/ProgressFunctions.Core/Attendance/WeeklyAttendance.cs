using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Attendance;

/// <summary>One school week of a pupil's register: the week's Monday and the sessions counted in it.</summary>
/// <remarks>
/// <see cref="AttendanceRate"/> is exact and null when the week had no possible session (a gap, not 0%). A value, not an
/// object: every pupil of a snapshot has one for each school week of the year.
/// </remarks>
public readonly record struct WeekAttendance(DateOnly Monday, AttendanceTotals Totals)
{
    public decimal? AttendanceRate => Totals.AttendanceRate;
}

/// <summary>A pupil's attendance school week by school week, for the "attendance by week" chart.</summary>
public static class WeeklyAttendance
{
    /// <summary>Every school week that has a school day in <paramref name="range"/>, in date order, counting only the days inside it.</summary>
    /// <remarks>
    /// School weeks are the calendar's (<see cref="SchoolCalendar.WeekOfDay"/>): holiday weeks are not listed. A week
    /// whose sessions are unmarked or all not possible has zero possible sessions and a null rate.
    /// </remarks>
    public static IReadOnlyList<WeekAttendance> Of(PupilRegister register, DateRange range)
    {
        var calendar = register.Calendar;
        var (from, to) = calendar.DayIndexes(range);
        var weeks = new List<WeekAttendance>(from < to ? calendar.WeekOfDay(to - 1) - calendar.WeekOfDay(from) + 1 : 0);
        var day = from;
        while (day < to)
        {
            var week = calendar.WeekOfDay(day);
            var end = day;
            while (end < to && calendar.WeekOfDay(end) == week)
            {
                end++;
            }

            weeks.Add(new WeekAttendance(calendar.WeekMonday(week), register.Totals(day * 2, end * 2)));
            day = end;
        }

        return weeks;
    }
}
