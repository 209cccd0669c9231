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

    /// <summary>Today's date in England by <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateAt(clock.GetUtcNow());
    }
}
