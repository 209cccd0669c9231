using ProgressFunctions.Core.Reports.DataManagers;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Reports.DataManagers;

public class ExportOverdueTests
{
    [Theory]
    // as of, last register imported, school days missing before today
    [InlineData("2026-03-20", "2026-03-19", "")]                        // yesterday's is in: today's may still come
    [InlineData("2026-03-20", "2026-03-20", "")]
    [InlineData("2026-03-16", "2026-03-13", "")]                        // Monday after Friday: the weekend is no school day
    [InlineData("2026-03-20", "2026-03-17", "2026-03-18 2026-03-19")]
    [InlineData("2026-03-17", "2026-03-12", "2026-03-13 2026-03-16")]
    [InlineData("2025-09-03", null, "")]                                // the first day of the year has nothing before it
    [InlineData("2025-09-05", null, "2025-09-03 2025-09-04")]
    public void Of_LastRegisterImported_TheSchoolDaysMissingBeforeToday(string asOf, string? lastMarked, string missing)
    {
        var overdue = ExportOverdue.Of(Year2025, D(asOf), lastMarked is null ? null : D(lastMarked));

        Assert.Equal(missing, string.Join(" ", overdue?.Missing.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) ?? []));
    }

    [Fact]
    public void Lines_TwoDaysMissing_SayWhichWhatStandsStillAndWhatToCheck()
    {
        var lines = ExportOverdue.Of(Year2025, D("2026-03-20"), D("2026-03-17"))!.Lines();

        Assert.Equal("No MIS export imported has a register for the 2 school days from 18 March 2026 to 19 March 2026. The latest register imported is for 17 March 2026.", lines[0]);
        Assert.StartsWith("Until one does, the daily attendance check measures every pupil to 17 March 2026", lines[1], StringComparison.Ordinal);
        Assert.Contains("progress upload", lines[2], StringComparison.Ordinal);
    }
}
