using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Schools;

public class SchoolCalendarTests
{
    private static readonly Term s_autumn = new(TermName.Autumn, D("2025-09-01"), D("2025-12-19"), new DateRange(D("2025-10-27"), D("2025-11-02")));
    private static readonly Term s_spring = new(TermName.Spring, D("2026-01-05"), D("2026-03-27"));

    [Fact]
    public void Create_TermsOverlap_RejectedNamingBothTerms()
    {
        var overlapping = s_spring with { Start = D("2025-12-15") };

        var result = SchoolCalendar.Create([s_autumn, overlapping], [], BankHolidays.EnglandAndWales);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Contains("Autumn 2025/26 (2025-09-01 to 2025-12-19) overlaps Spring 2025/26 (2025-12-15 to 2026-03-27)", error);
    }

    [Fact]
    public void Create_TermEndsBeforeItStarts_RejectedWithBothDates()
    {
        var backwards = s_spring with { End = D("2025-12-31") };

        var result = SchoolCalendar.Create([s_autumn, backwards], [], BankHolidays.EnglandAndWales);

        Assert.Contains(result.Errors, e => e.Contains("ends on 2025-12-31, before it starts on 2026-01-05", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_InsetDayOutsideEveryTerm_RejectedNamingTheDay()
    {
        var result = SchoolCalendar.Create([s_autumn, s_spring], [D("2025-09-01"), D("2025-12-22")], BankHolidays.EnglandAndWales);

        Assert.Equal(["INSET day 2025-12-22 is outside every term"], result.Errors);
    }

    [Fact]
    public void Create_HalfTermOutsideTerm_Rejected()
    {
        var badHalf = s_autumn with { HalfTerm = new DateRange(D("2025-12-15"), D("2025-12-26")) };

        var result = SchoolCalendar.Create([badHalf], [], BankHolidays.EnglandAndWales);

        Assert.Contains(result.Errors, e => e.Contains("half term (2025-12-15 to 2025-12-26) is not inside the term", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_NoTerms_Rejected() => Assert.Equal(["the calendar has no terms"], SchoolCalendar.Create([], [], BankHolidays.None).Errors);

    [Fact]
    public void GetValueOrThrow_Invalid_ListsEveryReason()
    {
        var result = SchoolCalendar.Create([s_spring with { End = D("2026-01-01") }], [D("2027-01-01")], BankHolidays.None);

        var error = Assert.Throws<InvalidOperationException>(result.GetValueOrThrow);
        Assert.Contains("before it starts", error.Message);
        Assert.Contains("INSET day 2027-01-01", error.Message);
    }

    [Theory]
    [InlineData("2025-09-01", false)]   // INSET
    [InlineData("2025-09-03", true)]    // first pupil day
    [InlineData("2025-09-06", false)]   // Saturday
    [InlineData("2025-10-28", false)]   // half term
    [InlineData("2025-12-19", true)]
    [InlineData("2025-12-22", false)]   // Christmas holiday
    [InlineData("2026-05-04", false)]   // Early May bank holiday, in term
    [InlineData("2026-05-05", true)]
    [InlineData("2026-07-16", true)]    // last pupil day
    [InlineData("2026-07-17", false)]   // INSET
    public void IsSchoolDay_TypicalYear_ExcludesWeekendsHolidaysAndInset(string date, bool expected) =>
        Assert.Equal(expected, Year2025.IsSchoolDay(D(date)));

    [Fact]
    public void SchoolDayCount_TypicalYears_Are190PupilDays()
    {
        foreach (var start in new[] { 2024, 2025, 2026, 2027 })
        {
            var calendar = TypicalCalendar.Build(new AcademicYear(start), 1, BankHolidays.EnglandAndWales);
            Assert.Equal(190, calendar.SchoolDayCount);
            Assert.Equal(380, calendar.SessionCount);
        }
    }

    [Fact]
    public void NthSchoolDay_AutumnTerm_CountsPupilDaysFromTheStart()
    {
        var autumn = Year2025.Terms[0];

        Assert.Equal(D("2025-09-03"), Year2025.NthSchoolDay(autumn, 1));
        Assert.Equal(D("2025-09-16"), Year2025.NthSchoolDay(autumn, 10));
        Assert.Null(Year2025.NthSchoolDay(autumn, 500));
        Assert.Equal(D("2025-12-19"), Year2025.SchoolDayBeforeEnd(autumn, 0));
        Assert.Equal(D("2025-12-05"), Year2025.SchoolDayBeforeEnd(autumn, 10));
    }

    [Fact]
    public void SchoolWeeks_WeekWithThreeSchoolDays_CountsAsASchoolWeek()
    {
        Assert.True(Year2025.TryGetDayIndex(D("2025-09-03"), out var first));
        Assert.True(Year2025.TryGetDayIndex(D("2025-09-08"), out var secondWeek));

        Assert.Equal(0, Year2025.WeekOfDay(first));
        Assert.Equal(1, Year2025.WeekOfDay(secondWeek));
        Assert.Equal(D("2025-09-01"), Year2025.WeekMonday(0));
        Assert.Equal(39, Year2025.SchoolWeekCount);
    }

    [Fact]
    public void CountSchoolDays_RangeOverHalfTerm_SkipsTheBreak()
    {
        Assert.Equal(10, Year2025.CountSchoolDays(new DateRange(D("2025-10-20"), D("2025-11-07"))));
        Assert.Equal(0, Year2025.CountSchoolDays(new DateRange(D("2025-12-20"), D("2026-01-04"))));
    }

    [Fact]
    public void SchoolDaysRemaining_AsOfBeforeAndAfterTheYear_CountsToThirtyFirstJuly()
    {
        Assert.Equal(190, Year2025.SchoolDaysRemaining(D("2025-08-15")));
        Assert.Equal(0, Year2025.SchoolDaysRemaining(D("2026-07-16")));
        Assert.Equal(1, Year2025.SchoolDaysRemaining(D("2026-07-15")));
    }

    [Fact]
    public void TermOf_DateInHalfTerm_IsStillInTheTerm() =>
        Assert.Equal(TermName.Autumn, Year2025.TermOf(D("2025-10-28"))?.Name);
}
