using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;

namespace ProgressFunctions.Core.Tests.Imports;

public class InterventionsCsvTests
{
    private const string Upn1 = "C201100025001";
    private const string Upn2 = "R201100025002";

    private static PupilIndex Pupils()
    {
        var index = new PupilIndex();
        index.Accept(Upn1, "p1", new RowRef("pupils.csv", 2));
        index.Accept(Upn2, "p2", new RowRef("pupils.csv", 3));
        return index;
    }

    private static (List<ProgressFunctions.Core.Interventions.Intervention> Rows, List<ImportIssue> Issues) Read(string csv)
    {
        var issues = new List<ImportIssue>();
        return (InterventionsCsv.Read(new StringReader(csv), Pupils(), issues), issues);
    }

    [Fact]
    public void Read_AliasedHeaders_ReadsOpenAndClosedInterventions()
    {
        var (rows, issues) = Read(
            "Pupil UPN,Intervention Type,Start Date,End Date,Staff Code,Note ID\n" +
            $"{Upn1},Reading catch-up,2025-09-15,2025-11-07,S004,N-1234\n" +
            $"{Upn2},Speech and language,03/11/2025,,,\n");

        Assert.Empty(issues);
        Assert.Equal(
            [
                new ProgressFunctions.Core.Interventions.Intervention { PupilId = "p1", Type = "Reading catch-up", Start = new(2025, 9, 15), End = new(2025, 11, 7), StaffId = "S004", NotesId = "N-1234" },
                new ProgressFunctions.Core.Interventions.Intervention { PupilId = "p2", Type = "Speech and language", Start = new(2025, 11, 3) },
            ],
            rows);
        Assert.True(rows[1].IsOpenOn(new DateOnly(2026, 3, 1)));
        Assert.False(rows[0].IsOpenOn(new DateOnly(2025, 11, 10)));
    }

    /// <remarks>Each bad row is one error naming its line, column and reason; the good row is still read.</remarks>
    [Theory]
    [InlineData("{0},Maths booster,2025-10-01,2025-09-01,,", 2, "End", "ends (2025-09-01) before it starts (2025-10-01)")]
    [InlineData("{0},Maths booster,2025-13-01,,,", 2, "Start", "'2025-13-01' is not a date")]
    [InlineData("{0},Maths booster, 1/2/25 ,,,", 2, "Start", "'1/2/25' is not a date")]
    [InlineData("{0},Maths booster,,,,", 2, "Start", "'Start' is empty")]
    [InlineData("{0},,2025-10-01,,,", 2, "Type", "'Type' is empty")]
    [InlineData("{0},Maths booster,2025-10-01,,S 4,", 2, "Staff", "Staff ID 'S 4' contains a space")]
    [InlineData("{0},Maths booster,2025-10-01,,,N-00000000000000000000000000000000000000000000000000000000000000001", 2, "Notes ID", "at most 64 characters")]
    [InlineData("X201100025009,Maths booster,2025-10-01,,,", 2, "UPN", "")]
    public void Read_BadRow_OneErrorAndTheOtherRowKept(string row, int line, string column, string reason)
    {
        var (rows, issues) = Read($"UPN,Type,Start,End,Staff,Notes ID\n{string.Format(System.Globalization.CultureInfo.InvariantCulture, row, Upn1)}\n{Upn2},Social skills group,2025-10-01,,,\n");

        var issue = Assert.Single(issues);
        Assert.True(issue.IsError);
        Assert.Equal((line, column), (issue.Line, issue.Column));
        Assert.Contains(reason, issue.Reason, StringComparison.Ordinal);
        Assert.Equal("p2", Assert.Single(rows).PupilId);
    }

    [Fact]
    public void Read_UpnInLowerCaseWithSpacesAndPaddedDate_FindsThePupil()
    {
        var (rows, issues) = Read($"UPN,Type,Start\n  {Upn1.ToLowerInvariant()} ,Maths booster, 2025-10-01 \n");

        Assert.Empty(issues);
        Assert.Equal(("p1", new DateOnly(2025, 10, 1)), (Assert.Single(rows).PupilId, rows[0].Start));
    }

    [Fact]
    public void Read_RepeatedRow_RefusedNamingTheFirst()
    {
        var (rows, issues) = Read($"UPN,Type,Start\n{Upn1},Maths booster,2025-10-01\n{Upn1},maths booster,2025-10-01\n{Upn1},Maths booster,2026-01-12\n");

        var issue = Assert.Single(issues);
        Assert.Equal(3, issue.Line);
        Assert.Contains("repeats line 2", issue.Reason, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Read_MissingRequiredColumn_NamesIt()
    {
        var (rows, issues) = Read($"UPN,Type\n{Upn1},Maths booster\n");

        Assert.Empty(rows);
        Assert.Equal("Start", Assert.Single(issues).Column);
    }
}
