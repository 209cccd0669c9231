using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Schools;

public class AcademicYearTests
{
    [Theory]
    [InlineData("2025-08-01", 2025)]
    [InlineData("2026-07-31", 2025)]
    [InlineData("2025-07-31", 2024)]
    [InlineData("2025-12-31", 2025)]
    public void Containing_Date_StartsOnFirstAugust(string date, int startYear) =>
        Assert.Equal(new AcademicYear(startYear), AcademicYear.Containing(D(date)));

    [Theory]
    [InlineData("2025/26", true, 2025)]
    [InlineData("2025-26", true, 2025)]
    [InlineData("2025", true, 2025)]
    [InlineData("1999/00", true, 1999)]
    [InlineData("2025/27", false, 0)]
    [InlineData("25/26", false, 0)]
    [InlineData("", false, 0)]
    public void TryParse_Text_ReadsCommonSpellings(string text, bool ok, int startYear)
    {
        Assert.Equal(ok, AcademicYear.TryParse(text, out var year));
        if (ok)
        {
            Assert.Equal(startYear, year.StartYear);
        }
    }

    [Fact]
    public void ToString_Year_IsSlashShortForm() => Assert.Equal("2025/26", new AcademicYear(2025).ToString());
}

public class CensusTermsTests
{
    [Theory]
    [InlineData(2024, "2025-04-20")]
    [InlineData(2025, "2026-04-05")]
    [InlineData(2026, "2027-03-28")]
    [InlineData(2027, "2028-04-16")]
    public void Range_Spring_EndsOnEasterSunday(int startYear, string easterSunday)
    {
        var year = new AcademicYear(startYear);

        Assert.Equal(D(easterSunday), CensusTerms.Range(year, CensusTerm.Spring).End);
        Assert.Equal(D(easterSunday).AddDays(1), CensusTerms.Range(year, CensusTerm.Summer).Start);
        Assert.Equal(new DateOnly(startYear, 12, 31), CensusTerms.Range(year, CensusTerm.Autumn).End);
        Assert.Equal(year.Start, CensusTerms.Range(year, CensusTerm.Autumn).Start);
        Assert.Equal(year.End, CensusTerms.Range(year, CensusTerm.Summer).End);
    }

    [Theory]
    [InlineData("2025-08-01", CensusTerm.Autumn)]
    [InlineData("2025-12-31", CensusTerm.Autumn)]
    [InlineData("2026-01-01", CensusTerm.Spring)]
    [InlineData("2026-04-05", CensusTerm.Spring)]
    [InlineData("2026-04-06", CensusTerm.Summer)]
    [InlineData("2026-07-31", CensusTerm.Summer)]
    public void Of_Date_FallsInTheCensusTerm(string date, CensusTerm expected) => Assert.Equal(expected, CensusTerms.Of(D(date)));

    [Fact]
    public void EasterMonday_MatchesGovUkBankHolidays()
    {
        foreach (var year in Enumerable.Range(2013, 16))
        {
            var monday = Easter.Sunday(year).AddDays(1);
            Assert.Equal("Easter Monday", BankHolidays.EnglandAndWales.TitleOf(monday));
        }
    }
}

public class BankHolidaysTests
{
    [Fact]
    public void EnglandAndWales_Shipped_HasSubstituteBoxingDay2026() =>
        Assert.True(BankHolidays.EnglandAndWales.Contains(D("2026-12-28")));

    [Fact]
    public void Parse_MissingDivision_SaysWhich()
    {
        var error = Assert.Throws<FormatException>(() => BankHolidays.Parse("""{"scotland":{"events":[]}}"""));

        Assert.Contains("england-and-wales", error.Message);
    }

    [Fact]
    public void Parse_BadDate_NamesIt()
    {
        var error = Assert.Throws<FormatException>(() => BankHolidays.Parse("""{"england-and-wales":{"events":[{"title":"x","date":"25/12/2026"}]}}"""));

        Assert.Contains("'25/12/2026'", error.Message);
    }
}

public class AcademicYearJsonTests
{
    [Fact]
    public void Serialize_Year_RoundTripsAsWrittenForm()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { Year = new AcademicYear(2025) });

        Assert.Equal("""{"Year":"2025/26"}""", json);
        Assert.Equal(new AcademicYear(2025), System.Text.Json.JsonSerializer.Deserialize<AcademicYear>("\"2025/26\""));
    }

    [Fact]
    public void Deserialize_BadYear_SaysWhy() =>
        Assert.Contains("'2025/27'", Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<AcademicYear>("\"2025/27\"")).Message);
}
