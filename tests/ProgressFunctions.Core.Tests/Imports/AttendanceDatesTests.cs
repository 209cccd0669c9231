using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>attendance.csv dates written month first (a US-format export) are never read as other days.</summary>
public class AttendanceDatesTests
{
    private const string Upn = "C201100025001";

    private static (long Accepted, AttendanceRegisters Registers, List<ImportIssue> Issues) Read(params string[] dates)
    {
        var registers = new AttendanceRegisters(Year2025);
        var issues = new List<ImportIssue>();
        var index = new PupilIndex();
        index.Accept(Upn, "p1", new RowRef("pupils.csv", 2));
        var csv = "UPN,Date,Session,Mark\n" + string.Concat(dates.Select(d => $"{Upn},{d},AM,/\n"));
        var accepted = AttendanceCsv.Read(new StringReader(csv), new AttendanceSink(registers), index, issues);
        return (accepted, registers, issues);
    }

    [Fact]
    public void Read_EveryUnambiguousDateMonthFirst_NoMarkImportedAndTheFileRefused()
    {
        // 4 March read day first would be 3 April: a school day, silently the wrong one.
        var (accepted, _, issues) = Read("03/04/2026", "03/05/2026", "03/16/2026", "03/17/2026");

        Assert.Equal(0, accepted);
        var stop = Assert.Single(issues, i => i.StopsItsFile);
        Assert.StartsWith("the dates of attendance.csv are written month first (MM/dd/yyyy), as on line 4 ('03/16/2026') and 1 other rows", stop.Reason, StringComparison.Ordinal);
        Assert.Contains(issues, i => i.Line == 4 && i.Reason.StartsWith("'03/16/2026' is written month first", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_DayFirstFileWithOneMonthFirstSlip_OnlyThatRowRefused()
    {
        var (accepted, _, issues) = Read("16/03/2026", "17/03/2026", "03/18/2026", "19/03/2026");

        Assert.Equal(3, accepted);
        Assert.DoesNotContain(issues, i => i.StopsItsFile);
        Assert.Equal(4, Assert.Single(issues).Line);
    }
}
