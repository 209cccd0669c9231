using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class AttendanceDigestTests
{
    private static readonly DateOnly s_asOf = D("2025-11-28");

    [Fact]
    public void Build_EachConcern_RowWithEvidence()
    {
        var directory = new DirectoryBuilder().Pupil("spell").Pupil("overdue").Pupil("rolling").Pupil("late").Pupil("fine").Build();
        var registers = new[]
        {
            new RegisterBuilder(Year2025, "spell").Present(D("2025-09-03"), D("2025-11-07")).Fill(D("2025-11-10"), s_asOf, "I").Build(),
            new RegisterBuilder(Year2025, "overdue").Present(D("2025-09-03"), s_asOf).Day(D("2025-11-12"), "N").Mark(s_asOf, SessionOfDay.Am, "N").Build(),
            new RegisterBuilder(Year2025, "rolling").Present(D("2025-09-03"), s_asOf).Fill(D("2025-11-03"), D("2025-11-07"), "O").Build(),
            new RegisterBuilder(Year2025, "late").Present(D("2025-09-03"), s_asOf).Mark(s_asOf, SessionOfDay.Am, "U").Build(),
            new RegisterBuilder(Year2025, "fine").Present(D("2025-09-03"), s_asOf).Build(),
        };
        var summaries = registers.Select(r => AttendanceMeasures.Summarise(r, s_asOf, AttendanceRules.Default)).ToList();

        var document = AttendanceDigest.Build(new AttendanceDigestInput("Test School", s_asOf, Year2025, summaries, registers, directory));

        string Evidence(string caption, string pupil) =>
            document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith(caption, StringComparison.Ordinal)).Rows.First(r => r.Cells[0] == $"{pupil} Test").Cells[2];
        Assert.Equal("AM session, reason not yet known", Evidence("New unexplained absences today", "overdue"));
        Assert.StartsWith("N mark on 12 Nov AM, 12 school days old", Evidence("Unexplained absences overdue", "overdue"));
        // 10 school weeks back from the week of 24 Nov, skipping half term, starts on 15 Sep.
        Assert.Equal("10 unauthorised sessions from 15 Sep to 28 Nov", Evidence("10 or more unauthorised sessions", "rolling"));
        Assert.Equal("absent every session since 10 Nov: 15 school days, 30 sessions", Evidence("Continuous absence", "spell"));
        Assert.Contains("late after the register closed", Evidence("Late today", "late"));
        Assert.DoesNotContain(document.Text(), t => t.Contains("fine Test", StringComparison.Ordinal));
        Assert.Equal("attendance-digest-2025-11-28.pdf", document.FileName);
    }

    /// <summary>A pupil absent both sessions with no reason is one pupil: one row, counted once in the list's heading as in the figure above it.</summary>
    [Fact]
    public void Build_AbsentBothSessionsWithNoReason_OneRowAndTheCountsAgree()
    {
        var directory = new DirectoryBuilder().Pupil("both").Pupil("morning").Build();
        var registers = new[]
        {
            new RegisterBuilder(Year2025, "both").Present(D("2025-09-03"), s_asOf).Day(s_asOf, "N").Build(),
            new RegisterBuilder(Year2025, "morning").Present(D("2025-09-03"), s_asOf).Mark(s_asOf, SessionOfDay.Am, "N").Build(),
        };

        var document = AttendanceDigest.Build(new AttendanceDigestInput("Test School", s_asOf, Year2025, [], registers, directory));

        var list = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("New unexplained absences today", StringComparison.Ordinal));
        Assert.Equal("New unexplained absences today (N) (2)", list.Caption);
        Assert.Equal(["AM and PM sessions, reason not yet known", "AM session, reason not yet known"], list.Rows.Select(r => r.Cells[2]));
        Assert.Equal("2 pupils", document.Blocks.OfType<KeyFacts>().Single().Facts.Single(f => f.Label.StartsWith("Unexplained today", StringComparison.Ordinal)).Value);
    }

    /// <summary>
    /// Five school days (ten sessions) before the year ends, a pupil who may miss three more sessions and stay under
    /// 10% for the year is listed with those three; on the last day a pupil at 93% cannot reach it and is not listed.
    /// </summary>
    [Fact]
    public void Build_CloseToPersistentAbsence_ListsWhoCanStillReachItWithTheSessionsTheyMayMiss()
    {
        var calendar = Year2025;
        var (first, last, close) = (calendar.DayAt(0), calendar.DayAt(calendar.SchoolDayCount - 1), calendar.DayAt(calendar.SchoolDayCount - 6));
        var yearSessions = 2 * calendar.SchoolDayCount;
        var absent = ((yearSessions + 9) / 10) - 1 - 3;   // the smallest PA absence for the year is ceil(sessions / 10)
        var near = new RegisterBuilder(calendar, "near").Present(first, close);
        for (var i = 0; i < absent; i++)
        {
            near.Mark(calendar.DayAt(1 + (i / 2)), i % 2 == 0 ? SessionOfDay.Am : SessionOfDay.Pm, "O");
        }

        var ended = new RegisterBuilder(calendar, "ended").Present(first, last).Fill(calendar.DayAt(1), calendar.DayAt(13), "I").Build();
        ReportDocument Digest(DateOnly on, params PupilRegister[] registers) => AttendanceDigest.Build(new AttendanceDigestInput(
            "Test School", on, calendar, [.. registers.Select(r => AttendanceMeasures.Summarise(r, on, AttendanceRules.Default))], registers,
            new DirectoryBuilder().Pupil("near").Pupil("ended").Build()));

        var rows = Digest(close, near.Build()).Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Close to persistent absence", StringComparison.Ordinal)).Rows;
        Assert.Equal("near Test", Assert.Single(rows).Cells[0]);
        Assert.EndsWith("; can miss only 3 more sessions this year before reaching persistent absence", rows[0].Cells[2]);
        Assert.Contains(Digest(last, ended).Text(), t => t.StartsWith("Close to persistent absence at the end of the year: No pupil", StringComparison.Ordinal));
    }

    /// <summary>A pupil already past 10% is not in the list; the sentence in its place says so rather than that no pupil is near.</summary>
    [Fact]
    public void Build_OnlyPupilsAlreadyPersistentlyAbsent_EmptyListSaysTheyAreLeftOut()
    {
        var calendar = Year2025;
        var on = calendar.DayAt(20);
        var register = new RegisterBuilder(calendar, "past").Present(calendar.DayAt(0), on).Fill(calendar.DayAt(1), calendar.DayAt(5), "O").Build();

        var document = AttendanceDigest.Build(new AttendanceDigestInput("Test School", on, calendar, [AttendanceMeasures.Summarise(register, on, AttendanceRules.Default)], [register],
            new DirectoryBuilder().Pupil("past").Build()));

        Assert.Contains(document.Text(), t => t.StartsWith("Close to persistent absence at the end of the year: No pupil below 10% absence now", StringComparison.Ordinal)
            && t.EndsWith("Pupils already at 10% or more are not listed here.", StringComparison.Ordinal));
    }

    /// <summary>Today's absences are read as the call list is: year group (7 before 10), then form and name, not in id order.</summary>
    [Fact]
    public void Build_NewUnexplainedAbsences_InYearGroupThenNameOrder()
    {
        var directory = new DirectoryBuilder().Pupil("b", year: 10).Pupil("c", year: 7).Pupil("a", year: 7).Build();
        var registers = new[] { "a", "b", "c" }.Select(id => new RegisterBuilder(Year2025, id).Present(D("2025-09-03"), s_asOf).Day(s_asOf, "N").Build()).ToArray();

        var document = AttendanceDigest.Build(new AttendanceDigestInput("Test School", s_asOf, Year2025,
            [.. registers.Select(r => AttendanceMeasures.Summarise(r, s_asOf, AttendanceRules.Default))], registers, directory));

        var rows = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("New unexplained absences today", StringComparison.Ordinal)).Rows;
        Assert.Equal(["a Test", "c Test", "b Test"], rows.Select(r => r.Cells[0]));
    }

    /// <summary>
    /// Two pupils with the same register (severely absent, 10+ unauthorised sessions, an open spell, an overdue N, and
    /// absent with no reason today): "again" is alerted today for the list's condition, "today" only for today's N, its
    /// other conditions being in their cool-down. Only "again" is in the list, and the count above it says one.
    /// </summary>
    [Theory]
    [InlineData("Severe absence (50% or more)", AlertRule.AttendanceThreshold, AlertSeverity.Urgent)]
    [InlineData("10 or more unauthorised sessions in 10 school weeks", AlertRule.PenaltyNoticeThreshold, AlertSeverity.Urgent)]
    [InlineData("Continuous absence of 10+ school days, still open", AlertRule.ContinuousAbsence, AlertSeverity.Urgent)]
    [InlineData("Unexplained absences overdue", AlertRule.OverdueUnexplainedAbsence, AlertSeverity.Warning)]
    public void Build_PupilAlertedTodayOnlyForTodaysN_NotListedUnderConditionsInCoolDown(string list, AlertRule rule, AlertSeverity severity)
    {
        var directory = new DirectoryBuilder().Pupil("again").Pupil("today").Build();
        var registers = new[] { "again", "today" }.Select(id => new RegisterBuilder(Year2025, id).Present(D("2025-09-03"), D("2025-09-30"))
            .Fill(D("2025-10-01"), D("2025-11-11"), "O").Day(D("2025-11-12"), "N").Fill(D("2025-11-13"), D("2025-11-27"), "O").Day(s_asOf, "N").Build()).ToArray();
        var summaries = registers.Select(r => AttendanceMeasures.Summarise(r, s_asOf, AttendanceRules.Default)).ToList();
        Alert Raised(string pupil, AlertRule r, AlertSeverity sev) => new(pupil, r, sev, 1, "evidence", [StaffRoleKind.AttendanceOfficer], s_asOf);

        var document = AttendanceDigest.Build(new AttendanceDigestInput("Test School", s_asOf, Year2025, summaries, registers, directory)
        {
            Alerts = [Raised("again", AlertRule.NewUnexplainedAbsence, AlertSeverity.Info), Raised("today", AlertRule.NewUnexplainedAbsence, AlertSeverity.Info), Raised("again", rule, severity)],
        });

        var table = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith(list, StringComparison.Ordinal));
        Assert.Equal(["again Test"], table.Rows.Select(r => r.Cells[0]).Distinct());
        Assert.Equal(2, document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("New unexplained absences today", StringComparison.Ordinal)).Rows.Count);
    }

    [Fact]
    public void Build_ThresholdAlerts_ListedWithTheirEvidenceMostSevereFirst()
    {
        var directory = new DirectoryBuilder().Pupil("info").Pupil("pa").Build();
        var registers = new[] { new RegisterBuilder(Year2025, "info").Present(D("2025-09-03"), s_asOf).Build(), new RegisterBuilder(Year2025, "pa").Present(D("2025-09-03"), s_asOf).Build() };
        var input = new AttendanceDigestInput("Test School", s_asOf, Year2025, [], registers, directory)
        {
            ThresholdsCrossed =
            [
                new ThresholdCrossing("info", "attendance 94.1% this year, below 95%", Core.Alerts.AlertSeverity.Info),
                new ThresholdCrossing("pa", "attendance 89.8% this year: persistent absence (10% or more missed)", Core.Alerts.AlertSeverity.Warning),
            ],
        };

        var document = AttendanceDigest.Build(input);

        var rows = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Attendance fallen below a threshold", StringComparison.Ordinal)).Rows;
        Assert.Equal(["pa Test", "info Test"], rows.Select(r => r.Cells[0]));
        Assert.Equal("attendance 89.8% this year: persistent absence (10% or more missed)", rows[0].Cells[2]);
        Assert.Contains(AttendanceDigest.Build(input with { ThresholdsCrossed = [] }).Text(), t => t.Contains("No pupil's attendance fell below a threshold today.", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SchoolsFirstAlerts_SaysTheyAreNotNewToday()
    {
        var directory = new DirectoryBuilder().Pupil("pa").Build();
        var registers = new[] { new RegisterBuilder(Year2025, "pa").Present(D("2025-09-03"), s_asOf).Build() };
        var input = new AttendanceDigestInput("Test School", s_asOf, Year2025, [], registers, directory)
        {
            ThresholdsCrossed = [new ThresholdCrossing("pa", "attendance 89.8% this year: persistent absence (10% or more missed)", Core.Alerts.AlertSeverity.Warning)],
            LateOften = [new LatenessConcern("pa", "late 5 times in the last 4 school weeks")],
        };

        var first = AttendanceDigest.Build(input with { FirstAlerts = true });
        var later = AttendanceDigest.Build(input);

        Assert.Contains(first.Text(), t => t.Contains("These are the school's first alerts: every pupil already past a threshold is listed once", StringComparison.Ordinal));
        Assert.Equal(["Late often in the last 4 school weeks (first alerts) (1)", "Attendance below a threshold (first alerts, however long ago it fell) (1)"],
            first.Blocks.OfType<TableBlock>().Select(t => t.Caption!).Where(c => c.Contains("alerts", StringComparison.Ordinal)));
        Assert.DoesNotContain(later.Text(), t => t.Contains("first alerts", StringComparison.Ordinal));
        Assert.Contains(later.Blocks.OfType<TableBlock>(), t => t.Caption!.StartsWith("Attendance fallen below a threshold (new alerts)", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SeededSchool_PatternRowsCarryTheirEvidence()
    {
        var (school, _) = ReportData.School();
        var summaries = ReportData.Summaries(school);

        var document = AttendanceDigest.Build(new AttendanceDigestInput(school.Name, ReportData.AsOf, school.Calendar, summaries, school.Registers, school.Directory));

        var patterns = summaries.SelectMany(s => s.Patterns).ToList();
        Assert.NotEmpty(patterns);
        var rows = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Patterns", StringComparison.Ordinal)).Rows;
        Assert.Equal(summaries.Count(s => s.Patterns.Count > 0), rows.Count);
        Assert.All(patterns, p => Assert.Contains(rows, r => r.Cells[2].Contains(p.Evidence, StringComparison.Ordinal)));
        Assert.Equal(document.Text(), AttendanceDigest.Build(new AttendanceDigestInput(school.Name, ReportData.AsOf, school.Calendar, summaries, school.Registers, school.Directory)).Text());
    }

    /// <summary>A pupil with two patterns of absence is one pupil: one row holding both, and the heading counts pupils, as the threshold list does.</summary>
    [Fact]
    public void Build_PupilWithTwoPatterns_OneRowWithBothAndTheCountIsPupils()
    {
        var directory = new DirectoryBuilder().Pupil("two").Pupil("one").Build();
        var registers = new[]
        {
            new RegisterBuilder(Year2025, "two").Present(D("2025-09-03"), s_asOf)
                .Day(D("2025-11-10"), "O").Day(D("2025-11-17"), "I").Day(D("2025-11-24"), "O")
                .Mark(D("2025-11-14"), SessionOfDay.Pm, "O").Mark(D("2025-11-21"), SessionOfDay.Pm, "N").Mark(s_asOf, SessionOfDay.Pm, "O").Build(),
            new RegisterBuilder(Year2025, "one").Present(D("2025-09-03"), s_asOf)
                .Day(D("2025-11-12"), "O").Day(D("2025-11-19"), "I").Day(D("2025-11-26"), "O").Build(),
        };
        var summaries = registers.Select(r => AttendanceMeasures.Summarise(r, s_asOf, AttendanceRules.Default)).ToList();
        Assert.True(summaries[0].Patterns.Count >= 2, string.Join("; ", summaries[0].Patterns.Select(p => p.Evidence)));
        Assert.NotEmpty(summaries[1].Patterns);

        var document = AttendanceDigest.Build(new AttendanceDigestInput("Test School", s_asOf, Year2025, summaries, registers, directory));

        var list = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Patterns", StringComparison.Ordinal));
        Assert.Equal("Patterns of absence (2)", list.Caption);
        var row = Assert.Single(list.Rows, r => r.Cells[0] == "two Test");
        Assert.All(summaries[0].Patterns, p => Assert.Contains(p.Evidence, row.Cells[2], StringComparison.Ordinal));
    }

    /// <summary>A lateness alert is listed in the digest of whoever it is routed to: otherwise it would reach nobody.</summary>
    [Fact]
    public void Build_LatenessAlerts_ListedWithTheirEvidence()
    {
        var directory = new DirectoryBuilder().Pupil("late").Pupil("fine").Build();
        var registers = new[] { new RegisterBuilder(Year2025, "late").Present(D("2025-09-03"), s_asOf).Build(), new RegisterBuilder(Year2025, "fine").Present(D("2025-09-03"), s_asOf).Build() };
        var input = new AttendanceDigestInput("Test School", s_asOf, Year2025, [], registers, directory)
        {
            LateOften = [new LatenessConcern("late", "late 5 times in the last 4 school weeks")],
        };

        var document = AttendanceDigest.Build(input);

        var list = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Late often", StringComparison.Ordinal));
        Assert.Equal("Late often in the last 4 school weeks (new alerts) (1)", list.Caption);
        Assert.Equal(["late Test", "late 5 times in the last 4 school weeks"], [list.Rows.Single().Cells[0], list.Rows.Single().Cells[2]]);
        Assert.Contains(AttendanceDigest.Build(input with { LateOften = [] }).Text(), t => t.Contains("No pupil was late often enough to alert about today.", StringComparison.Ordinal));
    }
}
