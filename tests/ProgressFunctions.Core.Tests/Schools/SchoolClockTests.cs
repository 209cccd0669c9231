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
