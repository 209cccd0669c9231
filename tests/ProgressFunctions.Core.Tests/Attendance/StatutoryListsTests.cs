using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Attendance;

public class StatutoryListsTests
{
    [Fact]
    public void PenaltyThreshold_TenUnauthorisedSessions_ListsEachSessionThatCounts()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-12-05"))
            .Day(D("2025-10-06"), "O").Day(D("2025-10-07"), "G").Day(D("2025-10-08"), "N").Mark(D("2025-11-04"), SessionOfDay.Pm, "U")
            .Day(D("2025-11-17"), "O").Mark(D("2025-11-18"), SessionOfDay.Am, "O").Mark(D("2025-11-19"), SessionOfDay.Am, "I").Build();

        var found = StatutoryLists.PenaltyThreshold(register, D("2025-12-05"), AttendanceRules.Default);

        Assert.NotNull(found);
        Assert.Equal(10, found.Count.UnauthorisedSessions);
        Assert.Equal(10, found.Sessions.Count);
        Assert.Equal("Mon 6 Oct AM O, PM O; Tue 7 Oct AM G, PM G; Wed 8 Oct AM N, PM N; Tue 4 Nov PM U; Mon 17 Nov AM O, PM O; Tue 18 Nov AM O",
            ProgressFunctions.Core.Reports.AttendanceOfficer.WeeklySummary.Sessions(found.Sessions));
    }

    /// <summary>No penalty notice for a child below compulsory school age: their unauthorised absence before it does not count.</summary>
    [Theory]
    [InlineData("2025-12-31", 0)]   // not yet of compulsory school age on 5 December
    [InlineData("2025-11-12", 0)]   // of it from 12 November: 6 of the 10 sessions count, under the threshold
    [InlineData("2025-08-31", 10)]
    public void PenaltyThreshold_ReceptionChild_CountsOnlyFromCompulsorySchoolAge(string compulsoryFrom, int listedSessions)
    {
        var register = new RegisterBuilder(Year2025, compulsoryFrom: D(compulsoryFrom)).Present(D("2025-09-03"), D("2025-12-05")).Fill(D("2025-11-10"), D("2025-11-14"), "O").Build();

        var found = StatutoryLists.PenaltyThreshold(register, D("2025-12-05"), AttendanceRules.Default);

        Assert.Equal(listedSessions, found?.Sessions.Count ?? 0);
    }

    [Fact]
    public void PenaltyThreshold_NineSessions_None()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-12-05")).Fill(D("2025-11-10"), D("2025-11-13"), "O").Mark(D("2025-11-14"), SessionOfDay.Am, "O").Build();

        Assert.Null(StatutoryLists.PenaltyThreshold(register, D("2025-12-05"), AttendanceRules.Default));
    }

    [Fact]
    public void ContinuousAbsences_OpenAndEndedSpells_ThoseThatRanSinceTheDateWithTheirMarks()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-12-05"))
            .Fill(D("2025-09-15"), D("2025-09-26"), "I")
            .Fill(D("2025-11-17"), D("2025-11-21"), "I").Fill(D("2025-11-24"), D("2025-12-05"), "N").Build();

        var found = StatutoryLists.ContinuousAbsences(register, D("2025-12-05"), D("2025-12-01"), 10);

        var spell = Assert.Single(found);
        Assert.Equal((D("2025-11-17"), D("2025-12-05"), 15, 30, true), (spell.Spell.First, spell.Spell.Last, spell.Spell.SchoolDays, spell.Spell.Sessions, spell.Open));
        Assert.Equal([("N", 20), ("I", 10)], spell.Codes);
        Assert.Equal(10, spell.DaysWithoutPermission);
        Assert.Single(StatutoryLists.ContinuousAbsences(register, D("2025-12-05"), D("2025-09-01"), 10), s => !s.Open && s.Spell.SchoolDays == 10);
    }

    /// <summary>Absent without the school's permission: the longest run of days whose every absence is unauthorised; an ill day breaks it.</summary>
    [Theory]
    [InlineData("O", "O", 12)]
    [InlineData("I", "O", 5)]
    [InlineData("I", "I", 0)]
    [InlineData("O", "I", 7)]
    public void ContinuousAbsences_TwelveDays_CountsTheDaysInARowWithoutPermission(string firstSevenDays, string lastFiveDays, int expected)
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-11-14"))
            .Fill(D("2025-11-17"), D("2025-11-25"), firstSevenDays).Fill(D("2025-11-26"), D("2025-12-02"), lastFiveDays).Build();

        var spell = Assert.Single(StatutoryLists.ContinuousAbsences(register, D("2025-12-02"), D("2025-12-01"), 10));

        Assert.Equal(12, spell.Spell.SchoolDays);
        Assert.Equal(expected, spell.DaysWithoutPermission);
    }
}
