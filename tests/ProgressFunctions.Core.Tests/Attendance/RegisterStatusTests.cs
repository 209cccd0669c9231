using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Attendance;

public sealed class RegisterStatusTests
{
    [Fact]
    public void Of_TodayNotMarkedYet_StandsOnYesterday()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2026-03-19")).Build();

        var status = RegisterStatus.Of([register], Year2025, D("2026-03-20"));

        Assert.Equal((D("2026-03-19"), 0, false), (status.MeasuredOn, status.SessionsMarkedOnAsOf, status.HasMarksOnAsOf));
    }

    [Fact]
    public void Of_TodayMarked_StandsOnToday()
    {
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2026-03-20")).Build();

        var status = RegisterStatus.Of([register], Year2025, D("2026-03-20"));

        Assert.Equal((D("2026-03-20"), 2), (status.MeasuredOn, status.SessionsMarkedOnAsOf));
    }

    [Fact]
    public void Of_TodayMarkedForSomePupils_CountsThePupilsWithNoMarkToday()
    {
        var marked = new RegisterBuilder(Year2025, "p1").Present(D("2025-09-03"), D("2026-03-20")).Build();
        var halfDay = new RegisterBuilder(Year2025, "p2").Present(D("2025-09-03"), D("2026-03-19")).Mark(D("2026-03-20"), SessionOfDay.Am, "/").Build();
        var unmarked = new RegisterBuilder(Year2025, "p3").Present(D("2025-09-03"), D("2026-03-19")).Build();

        var status = RegisterStatus.Of([marked, halfDay, unmarked], Year2025, D("2026-03-20"));

        Assert.Equal((3, 1), (status.SessionsMarkedOnAsOf, status.PupilsUnmarkedOnAsOf));
    }

    [Fact]
    public void ContinuousAbsence_AbsentToYesterdayAndTodayNotMarked_StillAlerted()
    {
        // Absent 2-19 March; the 20th has no marks yet when the check runs.
        var register = new RegisterBuilder(Year2025).Present(D("2025-09-03"), D("2026-02-27")).Fill(D("2026-03-02"), D("2026-03-19"), "I").Build();
        var asOf = D("2026-03-20");
        var status = RegisterStatus.Of([register], Year2025, asOf);
        var pupil = new Pupil { Id = register.PupilId, Upn = "", LegalForename = "", LegalSurname = "", YearGroup = 9 };
        var view = new PupilAttendanceView(pupil, AttendanceMeasures.Summarise(register, status.MeasuredOn, AttendanceRules.Default), register);

        var raised = AlertEngine.Evaluate([view], AlertRules.Default, [], asOf).Raised;

        var spell = Assert.Single(raised, a => a.Rule == AlertRule.ContinuousAbsence);
        Assert.Contains("14 school days in a row since 2026-03-02", spell.Evidence);
        Assert.DoesNotContain(raised, a => a.Rule == AlertRule.NewUnexplainedAbsence);
    }
}
