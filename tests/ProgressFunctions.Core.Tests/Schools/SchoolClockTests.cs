using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Schools;

public sealed class SchoolClockTests
{
    [Theory]
    // Winter (GMT): the UTC date is the English date.
    [InlineData("2025-01-15T06:30:00Z", "2025-01-15")]
    [InlineData("2025-01-15T23:59:59Z", "2025-01-15")]
    // Summer (BST, UTC+1): from 23:00 UTC it is already tomorrow in England.
    [InlineData("2025-06-10T22:59:59Z", "2025-06-10")]
    [InlineData("2025-06-10T23:00:00Z", "2025-06-11")]
    // Clocks go forward at 01:00 UTC on the last Sunday of March 2025 (30 March).
    [InlineData("2025-03-29T23:30:00Z", "2025-03-29")]
    [InlineData("2025-03-30T23:30:00Z", "2025-03-31")]
    // Clocks go back at 01:00 UTC on the last Sunday of October 2025 (26 October).
    [InlineData("2025-10-25T23:30:00Z", "2025-10-26")]
    [InlineData("2025-10-26T23:30:00Z", "2025-10-26")]
    public void DateAt_Instant_IsTheDateInEngland(string instant, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SchoolClock.DateAt(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-03-20", "17:00", "2026-03-20T17:00:00Z")]   // GMT
    [InlineData("2026-06-01", "17:00", "2026-06-01T16:00:00Z")]   // BST
    [InlineData("2026-03-29", "09:30", "2026-03-29T08:30:00Z")]   // the day the clocks go forward, after 01:00 UTC
    public void InstantOf_EnglishClockTime_IsThatInstant(string date, string time, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            SchoolClock.InstantOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Today_UsesTheGivenClock()
    {
        var clock = new FixedClock(new DateTimeOffset(2025, 9, 1, 23, 15, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2025, 9, 2), SchoolClock.Today(clock));
    }

    [Fact]
    public void TimeZone_IsEuropeLondon() => Assert.Equal(TimeSpan.Zero, SchoolClock.TimeZone.BaseUtcOffset);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class SchoolClockCheckDueTests
{
    private static readonly TimeOnly s_close = new(9, 30);

    [Theory]
    // Winter (GMT): 09:30 in England is 09:30 UTC.
    [InlineData("2025-11-28T09:29:59Z", false, false)]
    [InlineData("2025-11-28T09:30:00Z", false, true)]
    // Summer (BST): 09:30 in England is 08:30 UTC.
    [InlineData("2026-06-10T08:29:00Z", false, false)]
    [InlineData("2026-06-10T08:30:00Z", false, true)]
    // Already checked today; a Saturday; a half-term day.
    [InlineData("2025-11-28T12:00:00Z", true, false)]
    [InlineData("2025-11-29T12:00:00Z", false, false)]
    [InlineData("2025-10-28T12:00:00Z", false, false)]
    public void IsCheckDue_Instant_AfterRegistersCloseOnASchoolDayOnly(string instant, bool checkedToday, bool expected) =>
        Assert.Equal(expected, SchoolClock.IsCheckDue(Builders.Calendars.TwoYears, s_close, DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), checkedToday));

    [Fact]
    public void IsCheckDue_NoCalendar_IsNeverDue() =>
        Assert.False(SchoolClock.IsCheckDue(null, s_close, new DateTimeOffset(2025, 11, 28, 12, 0, 0, TimeSpan.Zero), false));
}
