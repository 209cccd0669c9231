using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Attendance;

public class AttendanceMeasuresTests
{
    [Fact]
    public void YearToDate_MarksAfterAsOf_AreIgnored()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-09-12")).Day(D("2025-09-15"), "I").Build();

        Assert.Equal(16, AttendanceMeasures.YearToDate(register, D("2025-09-12")).Possible);
        Assert.Equal(2, AttendanceMeasures.YearToDate(register, D("2025-09-15")).Absent);
    }

    [Fact]
    public void ByCensusTerm_SpringEndsOnEasterSunday_SchoolTermsUseSchoolDates()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2026-07-16")).Build();

        var census = AttendanceMeasures.ByCensusTerm(register, D("2026-07-16"));
        var terms = AttendanceMeasures.BySchoolTerm(register, D("2026-07-16"));

        Assert.Equal([CensusTerm.Autumn, CensusTerm.Spring, CensusTerm.Summer], census.Select(c => c.Term));
        Assert.Equal(380, census.Sum(c => c.Totals.Possible));
        Assert.Equal(380, terms.Sum(t => t.Totals.Possible));
        Assert.Equal(Year2025.CountSchoolDays(new DateRange(D("2026-01-01"), D("2026-04-05"))) * 2, census[1].Totals.Possible);
    }

    [Fact]
    public void ByCensusTerm_AsOfInAutumn_OnlyHasTermsStarted() =>
        Assert.Single(AttendanceMeasures.ByCensusTerm(new RegisterBuilder(Year2025).Build(), D("2025-10-01")));

    [Fact]
    public void Spells_AbsenceOverWeekendAndHalfTerm_IsOneSpellOfSchoolDays()
    {
        var register = new RegisterBuilder(Year2025)
            .Present(D("2025-10-13"), D("2025-10-22"))
            .Fill(D("2025-10-23"), D("2025-11-04"), "I")   // Thu, Fri, half term, Mon, Tue
            .Present(D("2025-11-05"), D("2025-11-07"))
            .Build();

        var spell = Assert.Single(AttendanceMeasures.Spells(register, new DateRange(D("2025-09-01"), D("2025-11-07"))));

        Assert.Equal(new AbsenceSpell(D("2025-10-23"), D("2025-11-04"), SchoolDays: 4, Sessions: 8), spell);
    }

    [Fact]
    public void Spells_NotPossibleDay_NeitherBreaksNorExtends()
    {
        var register = new RegisterBuilder(Year2025)
            .Day(D("2025-09-15"), "I").Day(D("2025-09-16"), "Y4").Day(D("2025-09-17"), "N").Day(D("2025-09-18"), "/")
            .Build();

        var spell = Assert.Single(AttendanceMeasures.Spells(register, new DateRange(D("2025-09-15"), D("2025-09-18"))));

        Assert.Equal(2, spell.SchoolDays);
        Assert.Equal(D("2025-09-17"), spell.Last);
    }

    [Fact]
    public void Spells_HalfDayPresent_BreaksTheSpell()
    {
        var register = new RegisterBuilder(Year2025)
            .Day(D("2025-09-15"), "I").Mark(D("2025-09-16"), SessionOfDay.Am, "I").Mark(D("2025-09-16"), SessionOfDay.Pm, "\\").Day(D("2025-09-17"), "I")
            .Build();

        Assert.Equal([1, 1], AttendanceMeasures.Spells(register, new DateRange(D("2025-09-15"), D("2025-09-17"))).Select(s => s.SchoolDays));
    }

    [Theory]
    [InlineData("2025-09-22", 0)]   // 5 school days after the N on Mon 15 Sep: not yet overdue
    [InlineData("2025-09-23", 1)]   // 6 school days old: overdue
    [InlineData("2025-09-27", 1)]   // Saturday: age counts school days only
    public void OverdueUnexplained_NMark_OverdueAfterFiveSchoolDays(string asOf, int expected)
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-09-26")).Mark(D("2025-09-15"), SessionOfDay.Am, "N").Build();

        var overdue = AttendanceMeasures.OverdueUnexplained(register, D(asOf), afterSchoolDays: 5);

        Assert.Equal(expected, overdue.Count);
        Assert.All(overdue, o => Assert.Equal((D("2025-09-15"), SessionOfDay.Am), (o.Date, o.Session)));
    }

    [Fact]
    public void RollingUnauthorised_AcrossChristmas_CountsTenSchoolWeeksNotCalendarWeeks()
    {
        var register = new RegisterBuilder(TwoYears)
            .Fill(D("2025-10-17"), D("2025-10-17"), "O")    // Friday before the window
            .Fill(D("2025-10-20"), D("2025-10-21"), "O")    // 4 sessions, first week of the window
            .Fill(D("2025-12-18"), D("2025-12-19"), "G")    // 4 sessions before Christmas
            .Mark(D("2026-01-12"), SessionOfDay.Am, "U")
            .Mark(D("2026-01-16"), SessionOfDay.Pm, "N")
            .Build();

        var rolling = AttendanceMeasures.RollingUnauthorised(register, D("2026-01-16"), weeks: 10, threshold: 10);

        Assert.Equal(D("2025-10-20"), rolling.WindowStart);
        Assert.Equal(10, rolling.Weeks);
        Assert.Equal(10, rolling.UnauthorisedSessions);
        Assert.True(rolling.ReachesThreshold);
    }

    [Fact]
    public void RollingUnauthorised_AcrossThirtyFirstJuly_ReachesBackIntoTheSummerTerm()
    {
        var register = new RegisterBuilder(TwoYears)
            .Fill(D("2026-05-15"), D("2026-05-15"), "O")    // before the window
            .Fill(D("2026-05-18"), D("2026-05-18"), "O")    // 2 sessions, first week of the window
            .Fill(D("2026-07-14"), D("2026-07-16"), "G")    // 6 sessions, last week of 2025/26
            .Mark(D("2026-09-14"), SessionOfDay.Am, "N")
            .Build();

        var rolling = AttendanceMeasures.RollingUnauthorised(register, D("2026-09-18"), weeks: 10, threshold: 10);

        Assert.Equal(D("2026-05-18"), rolling.WindowStart);
        Assert.Equal(9, rolling.UnauthorisedSessions);
        Assert.False(rolling.ReachesThreshold);
    }

    [Fact]
    public void RollingUnauthorised_BeforeTheCalendarStarts_IsEmpty()
    {
        var rolling = AttendanceMeasures.RollingUnauthorised(new RegisterBuilder(Year2025).Build(), D("2025-08-20"), 10, 10);

        Assert.Equal((0, 0), (rolling.Weeks, rolling.UnauthorisedSessions));
    }

    [Fact]
    public void Runway_StartOfYear_AllowsThirtySevenOfThreeHundredAndEighty()
    {
        var register = new RegisterBuilder(Year2025).Build();

        var runway = AttendanceMeasures.Runway(register, D("2025-09-02"), AttendanceTotals.Zero);

        Assert.Equal(new PersistentAbsenceRunway(380, 0, 0, BeforePersistent: 37, BeforeSevere: 189), runway);
    }

    [Fact]
    public void Runway_MidYear_SubtractsAbsenceSoFar()
    {
        // To 19 Dec: 73 school days (146 sessions) of which 20 absent; 234 sessions remain; year = 380; PA at 38.
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-12-19")).Fill(D("2025-12-08"), D("2025-12-19"), "I").Build();
        var ytd = AttendanceMeasures.YearToDate(register, D("2025-12-19"));

        var runway = AttendanceMeasures.Runway(register, D("2025-12-19"), ytd);

        Assert.Equal((146, 20, 234), (runway.PossibleSoFar, runway.AbsentSoFar, runway.SessionsRemaining));
        Assert.Equal(17, runway.BeforePersistent);
        Assert.Equal(169, runway.BeforeSevere);
    }

    [Theory]
    [InlineData(37, 0)]      // 37/380: no sessions left, stays below 10%
    [InlineData(38, null)]   // 38/380 = 10%: already certain
    public void Runway_EndOfYear_NoSessionsLeft(int absent, int? expected)
    {
        var runway = AttendanceMeasures.Missable(possible: 380, absent: absent, remaining: 0, 1, 10);

        Assert.Equal(expected, runway);
    }

    [Theory]
    [InlineData(0, 0, 10, 0)]        // a 10-session year: one absence is already 10%
    [InlineData(100, 0, 300, 39)]    // 400 at year end: 40 reaches 10%, so 39 may be missed
    [InlineData(100, 45, 300, null)] // 45/400 already over 10% even with full attendance from now
    [InlineData(10, 0, 5, 1)]
    [InlineData(0, 0, 0, 0)]
    public void Missable_Table_IsTheLargestCountStillBelowTheThreshold(int possible, int absent, int remaining, int? expected)
    {
        var result = AttendanceMeasures.Missable(possible, absent, remaining, 1, 10);

        Assert.Equal(expected, result);
        if (result is { } k && possible + remaining > 0)
        {
            Assert.False(YearEnd(absent + k).IsPersistentAbsence);
            Assert.True(k == remaining || YearEnd(absent + k + 1).IsPersistentAbsence);
        }

        AttendanceTotals YearEnd(int totalAbsent) => new(possible + remaining - totalAbsent, 0, totalAbsent, 0, 0);
    }
}
