using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using AlertRules = ProgressFunctions.Core.Alerts.AlertRules;
using AttendanceRules = ProgressFunctions.Core.Attendance.AttendanceRules;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Alerts;

public class AlertEngineTests
{
    private static readonly DateOnly s_asOf = D("2025-12-19");

    [Fact]
    public void Evaluate_FullAttendance_RaisesNothing()
    {
        var result = Evaluate(new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf));

        Assert.Empty(result.Raised);
    }

    [Theory]
    [InlineData(7, null)]                                     // 146 possible, 7 absent: 95.2%
    [InlineData(8, "below 95%")]                               // 94.5%
    [InlineData(12, "below 92%")]                              // 91.8%
    [InlineData(15, "persistent absence")]                     // 89.7%
    [InlineData(73, "severe absence")]                         // exactly 50%
    public void Evaluate_YearToDateRate_RaisesTheLowestThresholdCrossed(int absentSessions, string? expected)
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf);
        foreach (var date in Year2025.SchoolDays.Where(d => d <= s_asOf).Take(absentSessions))
        {
            builder.Mark(date, SessionOfDay.Am, "I");
        }

        var threshold = Evaluate(builder).Raised.SingleOrDefault(a => a.Rule == AlertRule.AttendanceThreshold);

        Assert.Equal(expected is null, threshold is null);
        if (expected is not null)
        {
            Assert.Contains(expected, threshold!.Evidence);
        }
    }

    [Fact]
    public void Evaluate_SameConditionWithinCoolDown_IsNotRepeated()
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf).Fill(D("2025-12-01"), D("2025-12-08"), "I");
        var first = Evaluate(builder, asOf: D("2025-12-12"));

        var second = Evaluate(builder, asOf: D("2025-12-15"), previous: first.States);

        Assert.Contains(first.Raised, a => a.Rule == AlertRule.AttendanceThreshold);
        Assert.DoesNotContain(second.Raised, a => a.Rule == AlertRule.AttendanceThreshold);
    }

    [Fact]
    public void Evaluate_ConditionWorsensWithinCoolDown_IsRaisedAgain()
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf).Fill(D("2025-12-01"), D("2025-12-04"), "I");
        var first = Evaluate(builder, asOf: D("2025-12-05"));
        builder.Fill(D("2025-12-08"), D("2025-12-12"), "I");

        var second = Evaluate(builder, asOf: D("2025-12-12"), previous: first.States);

        var before = Assert.Single(first.Raised, a => a.Rule == AlertRule.AttendanceThreshold);
        var after = Assert.Single(second.Raised, a => a.Rule == AlertRule.AttendanceThreshold);
        Assert.True(after.Level > before.Level);
    }

    [Fact]
    public void Evaluate_CoolDownOver_RaisesAgain()
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf).Fill(D("2025-11-24"), D("2025-11-28"), "I");
        var first = Evaluate(builder, asOf: D("2025-12-01"));

        var later = Evaluate(builder, asOf: D("2025-12-19"), previous: first.States);

        Assert.Contains(later.Raised, a => a.Rule == AlertRule.AttendanceThreshold);
    }

    [Fact]
    public void Evaluate_OpenTenDaySpellAndNewN_AreUrgentAndInfo()
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2025-12-04")).Fill(D("2025-12-05"), D("2025-12-18"), "I").Day(s_asOf, "N");

        var raised = Evaluate(builder).Raised;

        var spell = Assert.Single(raised, a => a.Rule == AlertRule.ContinuousAbsence);
        Assert.Equal((AlertSeverity.Urgent, 11 / 5), (spell.Severity, spell.Level));
        Assert.Contains("since 2025-12-05", spell.Evidence);
        var fresh = Assert.Single(raised, a => a.Rule == AlertRule.NewUnexplainedAbsence);
        Assert.Equal("no reason yet for today's absence (AM and PM)", fresh.Evidence);
    }

    [Fact]
    public void Evaluate_TenUnauthorisedInTenWeeks_RaisesPenaltyThreshold()
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf).Fill(D("2025-12-08"), D("2025-12-12"), "G");

        var penalty = Assert.Single(Evaluate(builder).Raised, a => a.Rule == AlertRule.PenaltyNoticeThreshold);

        Assert.Equal(10 / 5, penalty.Level);
        Assert.Contains("10 unauthorised sessions", penalty.Evidence);
    }

    [Theory]
    // school days of unauthorised absence (two sessions each) by the second check, three school days after the first
    // (which saw 5 days, 10 sessions) -> alerted again within the cool-down?
    [InlineData(6, false)]
    [InlineData(7, false)]
    [InlineData(8, true)]
    public void Evaluate_PenaltyCountGrowingWithinCoolDown_RaisedAgainOnlyAfterFiveMoreSessions(int days, bool again)
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf).Fill(D("2025-12-01"), D("2025-12-05"), "G");
        var first = Evaluate(builder, asOf: D("2025-12-05"));
        builder.Fill(D("2025-12-08"), D("2025-12-08").AddDays(days - 6), "G");

        var second = Evaluate(builder, asOf: D("2025-12-10"), previous: first.States);

        Assert.Contains(first.Raised, a => a.Rule == AlertRule.PenaltyNoticeThreshold);
        Assert.Equal(again, second.Raised.Any(a => a.Rule == AlertRule.PenaltyNoticeThreshold));
    }

    [Fact]
    public void Evaluate_PupilWithSen_WarningsAlsoGoToTheSenco()
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf).Fill(D("2025-12-01"), D("2025-12-12"), "I");

        var raised = Evaluate(builder, sen: SenStatus.Ehcp).Raised;

        Assert.Contains(StaffRoleKind.Senco, raised.Single(a => a.Rule == AlertRule.AttendanceThreshold).Audience);
        Assert.All(raised.Where(a => a.Severity == AlertSeverity.Info && !a.Audience.Contains(StaffRoleKind.YearLeader)), a => Assert.DoesNotContain(StaffRoleKind.Senco, a.Audience));
    }

    /// <summary>An absence pattern is Info, but it goes to the year leader, so the SENCO sees it too for a pupil with SEN: not only when the pupil has a warning as well.</summary>
    [Theory]
    [InlineData(SenStatus.Support, true)]
    [InlineData(SenStatus.Ehcp, true)]
    [InlineData(SenStatus.None, false)]
    public void Evaluate_AbsencePatternOnly_GoesToTheSencoForPupilsWithSen(SenStatus sen, bool toSenco)
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf)
            .Mark(D("2025-12-05"), SessionOfDay.Pm, "O").Mark(D("2025-12-12"), SessionOfDay.Pm, "I").Mark(D("2025-12-19"), SessionOfDay.Pm, "O");

        var raised = Evaluate(builder, sen: sen).Raised;

        var pattern = Assert.Single(raised, a => a.Rule == AlertRule.AbsencePattern);
        Assert.Equal(AlertSeverity.Info, pattern.Severity);
        Assert.DoesNotContain(raised, a => a.Severity >= AlertSeverity.Warning);
        Assert.Equal(toSenco, pattern.Audience.Contains(StaffRoleKind.Senco));
        Assert.Contains(StaffRoleKind.YearLeader, pattern.Audience);
    }

    [Fact]
    public void Evaluate_LastDaysOfTheYear_NoRunwayAlertForPupilsWhoCannotReachPa()
    {
        var lastDay = D("2026-07-16");
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), lastDay);

        var raised = Evaluate(builder, asOf: lastDay).Raised;

        Assert.DoesNotContain(raised, a => a.Rule == AlertRule.PersistentAbsenceRunway);
    }

    [Fact]
    public void Evaluate_SameDayRerun_RaisesTheDaysAlertsAgain()
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf).Fill(D("2025-12-01"), D("2025-12-12"), "I");
        var first = Evaluate(builder);

        var rerun = Evaluate(builder, previous: first.States);

        Assert.Equal(first.Raised, rerun.Raised);
    }

    [Fact]
    public void FromJson_PartialSettings_KeepDefaultsAndRejectNonsense()
    {
        var (rules, error) = AlertRules.FromJson("""{ "coolDownDays": 7, "attendanceThresholds": [96, 93] }""");

        Assert.Null(error);
        Assert.Equal(7, rules!.CoolDownDays);
        Assert.Equal([96m, 93m], rules.AttendanceThresholds);
        Assert.Equal(10, rules.RunwaySessions);
        Assert.NotNull(AlertRules.FromJson("""{ "attendanceThresholds": [120] }""").Error);
        Assert.Contains("coolDownDayz", AlertRules.FromJson("""{ "coolDownDayz": 7 }""").Error);
    }

    private static AlertEvaluation Evaluate(RegisterBuilder builder, DateOnly? asOf = null, IEnumerable<AlertState>? previous = null, SenStatus sen = SenStatus.None)
    {
        var date = asOf ?? s_asOf;
        var register = builder.Build();
        var pupil = new Pupil { Id = register.PupilId, Upn = "", LegalForename = "", LegalSurname = "", YearGroup = 9, Sen = sen };
        var view = new PupilAttendanceView(pupil, AttendanceMeasures.Summarise(register, date, AttendanceRules.Default), register);
        return AlertEngine.Evaluate([view], AlertRules.Default, previous ?? [], date);
    }
}
