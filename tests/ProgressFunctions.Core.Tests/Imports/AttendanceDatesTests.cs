using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>Dates written month first (a US-format export) are never read as other days: attendance.csv and the small files alike.</summary>
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

    /// <summary>A short export, its dates in the file as the case gives them (one AM and PM each), made on the day given (or not saying).</summary>
    [Theory]
    [InlineData("03/02/2026", "2026-03-02", 0, "file")]   // 2 March month first: read day first, 3 February, a month before the export
    [InlineData("02/03/2026", "2026-03-02", 1, "")]
    [InlineData("2026-03-02", "2026-03-02", 1, "")]
    [InlineData("03/02/2026", "", 1, "")]                // without the day it was made, either reading stands
    [InlineData("03/02/2026", "2026-02-06", 1, "")]      // made three days after 3 February: day first fits
    [InlineData("03/02/2026|03/03/2026|03/04/2026|03/05/2026|03/06/2026", "2026-03-06", 0, "file")]   // a week month first: read day first, February to June
    [InlineData("03/02/2026|03/03/2026", "2026-03-03", 0, "file")]      // read day first, 3 February and 3 March: weeks apart
    [InlineData("02/03/2026|03/03/2026", "2026-03-03", 2, "")]           // day first, 2 and 3 March
    [InlineData("02/03/2026|03/03/2026|02/04/2026", "2026-03-03", 2, "ahead")]   // day first, with a mark entered ahead for 2 April
    [InlineData("03/02/2026|03/03/2026|03/04/2026|03/05/2026|03/06/2026|04/02/2026", "2026-03-06", 0, "file")]   // month first, with one entered ahead
    [InlineData("2026-03-12", "2026-03-10", 0, "ahead")]  // after the export was made: entered ahead
    [InlineData("2026-03-10|2026-03-12", "2026-03-10", 1, "ahead")]
    public void Read_ShortExport_DatesThatCannotBeTheExportsNotStored(string dates, string madeOn, int days, string refused)
    {
        var registers = new AttendanceRegisters(Year2025);
        var issues = new List<ImportIssue>();
        var index = new PupilIndex();
        index.Accept(Upn, "p1", new RowRef("pupils.csv", 2));
        var sink = new AttendanceSink(registers) { MadeOn = madeOn.Length == 0 ? null : DateOnly.Parse(madeOn, System.Globalization.CultureInfo.InvariantCulture) };
        var rows = string.Concat(dates.Split('|').Select(d => $"{Upn},{d},AM,/\n{Upn},{d},PM,/\n"));

        var read = AttendanceCsv.Read(new StringReader($"UPN,Date,Session,Mark\n{rows}"), sink, index, issues);

        Assert.Equal(days * 2, read);
        Assert.Equal(refused == "file", issues.Any(i => i.StopsItsFile && i.Reason.StartsWith("every date in attendance.csv reads both ways", StringComparison.Ordinal)));
        var ahead = issues.Where(i => i.Reason.Contains("dated after the day the export was made", StringComparison.Ordinal)).ToList();
        Assert.Equal(refused == "ahead" ? 1 : 0, ahead.Count);
        Assert.All(ahead, i => Assert.StartsWith($"2 marks are dated after the day the export was made ({madeOn}), the first ", i.Reason, StringComparison.Ordinal));
        Assert.DoesNotContain(issues, i => i.IsError && !i.StopsItsFile);
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

    [Theory]
    [InlineData("2012-05-14|2012-03-04", 2, false)]
    [InlineData("14/05/2012|03/04/2012", 2, false)]
    [InlineData("05/14/2012|03/04/2012", 0, true)]     // 03/04/2012 is 4 March here, not 3 April: nothing is kept
    [InlineData("14/05/2012|05/14/2012", 1, false)]    // one slip in a day-first file: that row alone
    public void CsvTableRead_DatesByOrder_MonthFirstFilesKeptOut(string dates, int accepted, bool fileRefused)
    {
        var issues = new List<ImportIssue>();
        var column = new CsvColumn("Date of Birth", true);
        var read = CsvTable.Read(new StringReader("Date of Birth\n" + dates.Replace('|', '\n') + "\n"), "pupils.csv", [column], issues, row => row.Date(column));

        Assert.Equal(accepted, read);
        Assert.Equal(fileRefused, issues.Any(i => i.StopsItsFile));
    }
}
