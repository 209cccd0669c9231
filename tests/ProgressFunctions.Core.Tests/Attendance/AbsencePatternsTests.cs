using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Attendance;

public class AbsencePatternsTests
{
    private static readonly DateOnly s_asOf = D("2025-12-19");

    [Fact]
    public void Summarise_FourOfFiveFridayAfternoons_ReportsEvidence()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf)
            .Mark(D("2025-11-21"), SessionOfDay.Pm, "O").Mark(D("2025-12-05"), SessionOfDay.Pm, "N")
            .Mark(D("2025-12-12"), SessionOfDay.Pm, "I").Mark(D("2025-12-19"), SessionOfDay.Pm, "O")
            .Build();

        var pattern = Assert.Single(AttendanceMeasures.Summarise(register, s_asOf, AttendanceRules.Default).Patterns);

        Assert.Equal("absent 4 of last 5 Friday PMs", pattern.Evidence);
        Assert.Equal([D("2025-12-19"), D("2025-12-12"), D("2025-12-05"), D("2025-11-21")], pattern.AbsentDates);
    }

    [Fact]
    public void Summarise_WholeMondaysMissed_ReportsTheDayNotTheSessions()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf)
            .Day(D("2025-12-01"), "I").Day(D("2025-12-08"), "O").Day(D("2025-12-15"), "N")
            .Build();

        var pattern = Assert.Single(AttendanceMeasures.Summarise(register, s_asOf, AttendanceRules.Default).Patterns);

        Assert.Equal("absent 3 of last 5 Mondays", pattern.Evidence);
    }

    [Fact]
    public void Summarise_AbsentOnEveryDay_IsNotAPattern()
    {
        var register = new RegisterBuilder(Year2025).Fill(D("2025-09-03"), s_asOf, "I").Build();

        Assert.Empty(AttendanceMeasures.Summarise(register, s_asOf, AttendanceRules.Default).Patterns);
    }

    [Fact]
    public void Summarise_AfternoonsMissedAcrossDays_ReportsAmPmSplit()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf)
            .Mark(D("2025-12-01"), SessionOfDay.Pm, "O").Mark(D("2025-12-09"), SessionOfDay.Pm, "O")
            .Mark(D("2025-12-17"), SessionOfDay.Pm, "O").Mark(D("2025-12-11"), SessionOfDay.Pm, "O")
            .Mark(D("2025-12-02"), SessionOfDay.Pm, "O").Mark(D("2025-11-26"), SessionOfDay.Pm, "O")
            .Build();

        var patterns = AttendanceMeasures.Summarise(register, s_asOf, AttendanceRules.Default).Patterns;

        Assert.Contains(patterns, p => p.Evidence == "absent 6 of last 20 afternoons");
    }

    [Fact]
    public void Summarise_FewAfternoonsMissed_IsNoAmPmSplit()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf)
            .Mark(D("2025-12-01"), SessionOfDay.Pm, "O").Mark(D("2025-12-09"), SessionOfDay.Pm, "O").Mark(D("2025-12-17"), SessionOfDay.Pm, "O")
            .Build();

        Assert.Empty(AttendanceMeasures.Summarise(register, s_asOf, AttendanceRules.Default).Patterns);
    }

    [Fact]
    public void Summarise_FullAttendance_HasNoPatterns()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf).Build();

        Assert.Empty(AttendanceMeasures.Summarise(register, s_asOf, AttendanceRules.Default).Patterns);
    }
}

public class AttendanceTrendTests
{
    [Fact]
    public void Trend_LastFourWeeksWorse_IsDeclining()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-12-19"))
            .Fill(D("2025-11-24"), D("2025-12-19"), "/", "I")   // half days absent for the last 4 weeks
            .Build();

        var trend = AttendanceMeasures.Trend(register, D("2025-12-19"), AttendanceRules.Default);

        Assert.Equal(40, trend.Recent.Possible);
        Assert.Equal(50m, trend.Recent.AttendanceRate);
        Assert.Equal(TrendDirection.Declining, trend.Direction);
        Assert.Equal(trend.Recent.AttendanceRate - trend.YearToDate.AttendanceRate, trend.ChangePoints);
    }

    [Fact]
    public void Trend_FirstWeekOfYear_StaysInsideTheYear()
    {
        var register = new RegisterBuilder(Calendars.TwoYears).Fill(D("2026-07-01"), D("2026-07-16"), "I").Present(D("2026-09-09"), D("2026-09-11")).Build();

        var trend = AttendanceMeasures.Trend(register, D("2026-09-11"), AttendanceRules.Default);

        Assert.Equal(6, trend.Recent.Possible);
        Assert.Equal(TrendDirection.Steady, trend.Direction);
    }

    [Fact]
    public void Trend_NoMarks_HasNoChange() =>
        Assert.Null(AttendanceMeasures.Trend(new RegisterBuilder(Year2025).Build(), D("2025-10-01"), AttendanceRules.Default).ChangePoints);
}
