using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Reports.Interventions;

namespace ProgressFunctions.Core.Tests.Reports.Interventions;

public sealed class InterventionTablesTests
{
    /// <summary>Attendance 88.54% before and 76.76% from the start; progress -0.25 before and -0.34 from the start.</summary>
    private static InterventionTypeSummary Type() => new(
        "Fine motor skills", 1, 1, 0, 1, new AttendanceTotals(8854, 0, 1146, 0, 0), new AttendanceTotals(7676, 0, 2324, 0, 0), 0, 1, -0.25m, -0.34m, 0);

    [Fact]
    public void Summary_FiguresThatRoundApart_ChangeIsThePrintedFiguresSubtracted()
    {
        var cells = Assert.Single(InterventionTables.Summary([Type()]).Rows).Cells;

        Assert.Equal(("88.5% to 76.8%", "-11.7"), (cells[3], cells[4]));
        Assert.Equal(("-0.3 to -0.3", "0.0"), (cells[6], cells[7]));
    }

    [Fact]
    public void Summary_AttendanceNotMeasured_NoChange()
    {
        var cells = Assert.Single(InterventionTables.Summary([Type() with { AttendanceMeasured = 0, Before = default, During = default }]).Rows).Cells;

        Assert.Equal(("Not yet measured", "-"), (cells[3], cells[4]));
    }
}
