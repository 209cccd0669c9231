namespace ProgressFunctions.Core.Schools;

/// <summary>Turns an instant into the date a school in England is living on.</summary>
/// <remarks>
/// Timers fire on UTC schedules (Flex Consumption has no time zone setting), while registers, terms and "today" are
/// English local dates: between midnight and 01:00 BST the UTC date is still yesterday's. The time zone is looked up by
/// its IANA id, which .NET resolves on Linux (the Functions host) and, through ICU, on Windows.
/// </remarks>
public static class SchoolClock
{
    public const string TimeZoneId = "Europe/London";

    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The local date in England at <paramref name="instant"/>.</summary>
    public static DateOnly DateAt(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The local date and time of day in England at <paramref name="instant"/> (BST or GMT as in force then).</summary>
    public static DateTime LocalAt(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    /// <summary>The instant a school's clock in England shows <paramref name="time"/> on <paramref name="date"/> (BST or GMT as that day has it).</summary>
    public static DateTimeOffset InstantOf(DateOnly date, TimeOnly time) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time), TimeZone), TimeSpan.Zero);

    /// <summary>Whether the day's attendance check is due at <paramref name="instant"/>.</summary>
    /// <remarks>
    /// Due on a school day of <paramref name="calendar"/> once the registers have closed there (local time in England
    /// at or after <paramref name="registersClose"/>, inclusive), until the day's first check has run
    /// (<paramref name="checkedToday"/>). A timer that fires every few minutes in UTC therefore checks each school once
    /// at its own time, 09:30 in England being 08:30 UTC in summer and 09:30 UTC in winter.
    /// </remarks>
    public static bool IsCheckDue(SchoolCalendar? calendar, TimeOnly registersClose, DateTimeOffset instant, bool checkedToday)
    {
        var local = LocalAt(instant);
        return !checkedToday && calendar is not null && calendar.IsSchoolDay(DateOnly.FromDateTime(local)) && TimeOnly.FromDateTime(local) >= registersClose;
    }

    /// <summary>Today's date in England by <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateAt(clock.GetUtcNow());
    }
}
