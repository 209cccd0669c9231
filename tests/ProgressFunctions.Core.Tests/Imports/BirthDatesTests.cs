using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public sealed class BirthDatesTests
{
    private static readonly DateOnly s_made = new(2026, 3, 20);

    [Theory]
    // born, year group -> a problem? (2025/26: Year 7 born 1 Sep 2013 to 31 Aug 2014; a year either side allowed)
    [InlineData("2013-09-01", 7, false)]
    [InlineData("2014-08-31", 7, false)]
    [InlineData("2012-09-01", 7, false)]
    [InlineData("2015-08-31", 7, false)]
    [InlineData("2012-08-31", 7, true)]
    [InlineData("2015-09-01", 7, true)]
    [InlineData("2020-10-02", 0, false)]
    [InlineData("2022-01-15", -1, false)]
    [InlineData("2008-05-05", 13, false)]
    [InlineData("2031-04-01", 7, true)]
    [InlineData("2026-03-21", 0, true)]
    public void Problem_BirthDateAgainstYearGroup_OnlyWhenItCannotBeRight(string born, int yearGroup, bool problem) =>
        Assert.Equal(problem, BirthDates.Problem(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), yearGroup, s_made) is not null);

    [Fact]
    public void Problem_AfterTheExport_SaysSoAndWhyItMatters()
    {
        var problem = BirthDates.Problem(new DateOnly(2031, 4, 1), 7, s_made);

        Assert.Equal("the date of birth 1 April 2031 is after the export was made (20 March 2026): correct it in the MIS (a protected report opens with it, so the family could not open theirs)", problem);
    }

    [Fact]
    public void Warn_PupilOutsideTheirYearGroup_WarningOnTheirRowNotAnError()
    {
        var pupils = new[]
        {
            new Pupil { Id = "p1", Upn = "A1", LegalSurname = "Lee", LegalForename = "Ann", YearGroup = 7, DateOfBirth = new DateOnly(2013, 10, 1) },
            new Pupil { Id = "p2", Upn = "A2", LegalSurname = "Lee", LegalForename = "Bo", YearGroup = 7, DateOfBirth = new DateOnly(2017, 10, 1) },
        };
        var export = new SchoolExport
        {
            Pupils = pupils,
            ExportedAt = new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero),
            PupilRows = new Dictionary<string, RowRef> { ["p1"] = new("pupils.csv", 2), ["p2"] = new("pupils.csv", 3) },
        };

        var issue = Assert.Single(BirthDates.Warn(export).Issues);

        Assert.Equal(("pupils.csv", 3, "Date of Birth", false), (issue.File, issue.Line, issue.Column, issue.IsError));
        Assert.StartsWith("a pupil in Year 7 this year is born between 1 September 2013 and 31 August 2014, and 1 October 2017 is more than a year outside that", issue.Reason, StringComparison.Ordinal);
        Assert.Empty(BirthDates.Warn(export with { ExportedAt = null }).Issues);
        Assert.Empty(BirthDates.Warn(export with { AbsentColumns = new HashSet<Core.Imports.Csv.CsvColumn> { Core.Imports.Csv.PupilsCsv.DateOfBirth } }).Issues);
    }
}
