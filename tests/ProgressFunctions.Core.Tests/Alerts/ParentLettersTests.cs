using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;
using AttendanceRules = ProgressFunctions.Core.Attendance.AttendanceRules;

namespace ProgressFunctions.Core.Tests.Alerts;

public class ParentLettersTests
{
    private static readonly DateOnly s_asOf = D("2025-12-19");   // 146 possible sessions so far
    private static readonly ParentLetterRules s_on = new() { Enabled = true };

    [Theory]
    [InlineData(7, null, new double[0])]               // 95.2%: no letter
    [InlineData(8, 95.0, new[] { 95.0 })]              // 94.5%: the 95% letter
    [InlineData(15, 90.0, new[] { 95.0, 90.0 })]       // 89.7%: past both at once, one letter, both settled
    public void Due_YearToDateRate_LowestStageCrossed(int absent, double? stage, double[] settles)
    {
        var due = ParentLetters.Due([View(absent)], s_on, new HashSet<string>(), s_asOf);

        Assert.Equal(stage is null ? 0 : 1, due.Count);
        if (stage is not null)
        {
            Assert.Equal((decimal)stage, due[0].Stage);
            Assert.Equal(settles.Select(s => (decimal)s), due[0].Settles);
            Assert.Equal("p1.2025.90", LetterDue.StageId("p1", new AcademicYear(2025), 90m));
        }
    }

    [Fact]
    public void Due_StageAlreadyWritten_OnlyTheNextStage()
    {
        var sent = new HashSet<string> { LetterDue.StageId("p1", new AcademicYear(2025), 95m) };

        Assert.Empty(ParentLetters.Due([View(8)], s_on, sent, s_asOf));
        Assert.Equal(90m, Assert.Single(ParentLetters.Due([View(15)], s_on, sent, s_asOf)).Stage);
    }

    [Fact]
    public void Due_LettersOff_Nothing() => Assert.Empty(ParentLetters.Due([View(40)], ParentLetterRules.Off, new HashSet<string>(), s_asOf));

    [Fact]
    public void FromJson_SchoolSettings_ReadWithDefaultsAndErrors()
    {
        var (rules, error) = ParentLetterRules.FromJson("""{ "enabled": true, "stages": [96, 92, 90] }""");

        Assert.Null(error);
        Assert.True(rules!.Enabled);
        Assert.Equal([96m, 92m, 90m], rules.Stages);
        Assert.Equal(ParentLetterRules.DefaultTemplate, rules.Template);
        Assert.False(ParentLetterRules.FromJson(null).Rules!.Enabled);
        Assert.NotNull(ParentLetterRules.FromJson("""{ "stages": [0] }""").Error);
    }

    [Fact]
    public void Build_Letter_UsesTheSchoolsWordingAndNoOtherPupil()
    {
        var due = ParentLetters.Due([View(15)], s_on, new HashSet<string>(), s_asOf)[0];
        var pupil = new Pupil { Id = "p1", Upn = "", LegalForename = "Zoë", LegalSurname = "Ní Bhriain" };

        var document = Core.Reports.Parents.AttendanceLetter.Build(new(
            "Oakfield School", due, pupil, "Mrs Ní Bhriain", "the attendance office on 01234 567890", "Dear {parent}, {pupil} is at {rate} ({stage}).\n\n{school}"));

        var text = string.Join("\n", document.Text());
        Assert.Contains("Dear Mrs Ní Bhriain, Zoë Ní Bhriain is at 89.7% (90%).", text);
        Assert.Contains("Oakfield School", text);
        Assert.Equal("attendance-letter-2025-p1-90.pdf", document.FileName);
        Assert.DoesNotContain("{", text);
    }

    private static PupilAttendanceView View(int absentSessions)
    {
        var builder = new RegisterBuilder(Year2025).Present(D("2025-09-03"), s_asOf);
        foreach (var date in Year2025.SchoolDays.Where(d => d <= s_asOf).Take(absentSessions))
        {
            builder.Mark(date, SessionOfDay.Am, "I");
        }

        var register = builder.Build();
        var pupil = new Pupil { Id = "p1", Upn = "", LegalForename = "", LegalSurname = "" };
        return new PupilAttendanceView(pupil, AttendanceMeasures.Summarise(register, s_asOf, AttendanceRules.Default), register);
    }
}
