using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class WeeklySummaryTests
{
    /// <summary>
    /// The 10-day return to the local authority is for absence without the school's permission: a pupil absent 12 days
    /// with leave or illness for some of them is listed to follow up, not to notify.
    /// </summary>
    [Fact]
    public void Build_TenDaysInARow_OnlyAbsenceWithoutPermissionIsToNotify()
    {
        var (first, last) = (D("2025-11-17"), D("2025-12-02"));
        var registers = new[]
        {
            new RegisterBuilder(Year2025, "truant").Present(D("2025-09-03"), last).Fill(first, last, "O").Build(),
            new RegisterBuilder(Year2025, "ill").Present(D("2025-09-03"), last).Fill(first, last, "I").Build(),
            new RegisterBuilder(Year2025, "mixed").Present(D("2025-09-03"), last).Fill(first, D("2025-11-25"), "I").Fill(D("2025-11-26"), last, "O").Build(),
        };
        var input = new WeeklySummaryInput("Test School", D("2025-12-01"), new DateRange(D("2025-12-01"), last), registers,
            new DirectoryBuilder().Pupil("truant").Pupil("ill").Pupil("mixed").Build());

        var tables = WeeklySummary.Build(input).Blocks.OfType<TableBlock>().ToList();

        var notify = Assert.Single(tables, t => t.Caption!.StartsWith("Notify the local authority", StringComparison.Ordinal));
        Assert.Equal(["truant Test"], notify.Rows.Select(r => r.Cells[0]));
        var permitted = Assert.Single(tables, t => t.Caption!.Contains("with permission for some or all", StringComparison.Ordinal));
        Assert.Equal(["ill Test", "mixed Test"], permitted.Rows.Select(r => r.Cells[0]).Order(StringComparer.Ordinal));
    }
}
