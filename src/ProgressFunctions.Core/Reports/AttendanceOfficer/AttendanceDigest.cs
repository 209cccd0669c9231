using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.AttendanceOfficer;

/// <summary>What a member of staff's daily digest is made from: the alerted pupils' measures and the registers of everyone in scope.</summary>
/// <remarks>
/// <see cref="Summaries"/> are the measures of the pupils the recipient has alerts about, taken as of
/// <see cref="MeasuredOn"/>, the latest complete register (the day before <see cref="AsOf"/> while today has no marks).
/// <see cref="Registers"/> hold every pupil of <see cref="Scope"/>: the headline figures (attendance this year,
/// persistent absence, unexplained and late today) are computed over them, so they are the scope's figures, not the
/// alerted pupils'. "Today" is read from <see cref="AsOf"/>'s own marks; with none in scope the digest says "no marks
/// yet for today". A spell is "still open" when it runs to <see cref="MeasuredOn"/>.
/// <see cref="ContinuousAbsenceDays"/> and <see cref="RunwayWarningSessions"/> are the digest's thresholds.
/// </remarks>
public sealed record AttendanceDigestInput(
    string SchoolName,
    DateOnly AsOf,
    SchoolCalendar Calendar,
    IReadOnlyList<PupilAttendanceSummary> Summaries,
    IReadOnlyList<PupilRegister> Registers,
    SchoolDirectory Directory)
{
    public int ContinuousAbsenceDays { get; init; } = 10;

    public int RunwayWarningSessions { get; init; } = 10;

    /// <summary>What the headline figures cover, as the label says it: "whole school", "Year 9", "pupils with SEN".</summary>
    public string Scope { get; init; } = "whole school";

    public DateOnly? RegisterDate { get; init; }

    /// <summary>1 for the day's first check, 2 and on for a re-run after today's marks arrived.</summary>
    public int Run { get; init; } = 1;

    public DateOnly MeasuredOn => RegisterDate ?? AsOf;

    /// <summary>Whether no alert had been raised for the school before this run: its first check, when every pupil already past a threshold is alerted at once.</summary>
    /// <remarks>Without it an attendance officer's first digest called 200 long-standing cases "new alerts" that "fell below a threshold today".</remarks>
    public bool FirstAlerts { get; init; }

    /// <summary>Each pupil's interventions open on the day ("Reading catch-up (since 3 Mar)"): their rows are marked with them.</summary>
    public IReadOnlyDictionary<string, string> OpenInterventions { get; init; } = new Dictionary<string, string>();

    /// <summary>The recipient's alerts today for attendance falling below a threshold (below 95%, 92%, persistent or severe absence), each with its evidence.</summary>
    public IReadOnlyList<ThresholdCrossing> ThresholdsCrossed { get; init; } = [];

    /// <summary>The recipient's lateness alerts today (late 5 or more times in the last 4 school weeks), each with its evidence.</summary>
    /// <remarks>Lateness is an alert of its own: without this list an attendance officer would be alerted about it in no message at all.</remarks>
    public IReadOnlyList<LatenessConcern> LateOften { get; init; } = [];

    /// <summary>The recipient's alerts today; null when the digest is built from <see cref="Summaries"/> alone.</summary>
    /// <remarks>
    /// Given, each list under the headline figures (overdue N marks, close to persistent absence, severe absence, the
    /// penalty-notice count, open continuous absences, patterns) names only the pupils alerted today for that list's
    /// own condition. Without it a pupil alerted for today's N alone was listed again, each day, under every condition
    /// still in its cool-down (severe absence, the same unauthorised count, the same pattern), as if it were new.
    /// </remarks>
    public IReadOnlyList<Alerts.Alert>? Alerts { get; init; }

    /// <summary>The digest input for one member of staff: their scope's registers and the measures of the pupils they have alerts about.</summary>
    public static AttendanceDigestInput For(string schoolName, DateOnly asOf, DateOnly? registerDate, int run, string staffId, IEnumerable<string> alertedPupilIds,
        SchoolCalendar calendar, SchoolDirectory directory, IReadOnlyDictionary<string, PupilRegister> registers, IEnumerable<Pupil> onRoll)
    {
        var scope = DigestScope.For(staffId, directory, onRoll);
        var measuredOn = registerDate ?? asOf;
        var summaries = alertedPupilIds.Distinct(StringComparer.Ordinal).Where(registers.ContainsKey)
            .Select(id => AttendanceMeasures.Summarise(registers[id], measuredOn, AttendanceRules.Default)).ToList();
        return new AttendanceDigestInput(schoolName, asOf, calendar, summaries, [.. scope.Pupils.Where(p => registers.ContainsKey(p.Id)).Select(p => registers[p.Id])], directory)
        {
            Scope = scope.Label,
            RegisterDate = registerDate,
            Run = run,
        };
    }
}

/// <summary>A pupil's attendance this year fell below a threshold today: the alert's evidence ("attendance 89.8% this year: persistent absence (10% or more missed)").</summary>
public sealed record ThresholdCrossing(string PupilId, string Evidence, Alerts.AlertSeverity Severity);

/// <summary>A pupil was late often in the last four school weeks: the alert's evidence ("late 5 times in the last 4 school weeks").</summary>
public sealed record LatenessConcern(string PupilId, string Evidence);

/// <summary>The attendance officer's daily digest: what needs a call or a letter today, each line with its evidence.</summary>
/// <remarks>
/// A list names each pupil once (a pupil absent both sessions is one row), so its count agrees with the figure above it.
/// Severe absence is listed lowest attendance first, and pupils close to persistent absence fewest sessions to spare first.
/// </remarks>
public static class AttendanceDigest
{
    public static ReportDocument Build(AttendanceDigestInput input)
    {
        var summaries = input.Summaries.OrderBy(s => s.PupilId, StringComparer.Ordinal).ToList();
        var alerted = input.Alerts?.Select(a => (a.PupilId, a.Rule)).ToHashSet();
        var alertedSevere = input.Alerts?.Where(a => a.Rule == Alerts.AlertRule.AttendanceThreshold && a.Severity == Alerts.AlertSeverity.Urgent)
            .Select(a => a.PupilId).ToHashSet(StringComparer.Ordinal);
        bool For(Alerts.AlertRule rule, PupilAttendanceSummary s) => alerted is null || alerted.Contains((s.PupilId, rule));
        var today = DigestRows.Today(input);
        var overdue = summaries.Where(s => For(Alerts.AlertRule.OverdueUnexplainedAbsence, s)).SelectMany(s => s.OverdueUnexplained.Select(m => (s.PupilId, Mark: m))).ToList();
        // A runway as long as the sessions left means the pupil cannot reach 10% this year (on the last day, nobody can).
        var nearPa = summaries.Where(s => For(Alerts.AlertRule.PersistentAbsenceRunway, s) && !s.YearToDate.IsPersistentAbsence && s.YearToDate.Possible > 0
            && (s.Runway.BeforePersistent is null
                || (s.Runway.BeforePersistent < input.RunwayWarningSessions && s.Runway.BeforePersistent < s.Runway.SessionsRemaining)))
            .OrderBy(s => s.Runway.BeforePersistent ?? -1).ToList();
        var severe = summaries.Where(s => s.YearToDate.IsSevereAbsence && (alertedSevere is null || alertedSevere.Contains(s.PupilId))).OrderBy(s => s.YearToDate.AttendanceRate).ToList();
        var crossed = input.ThresholdsCrossed.OrderByDescending(c => c.Severity).ThenBy(c => NameOf(input.Directory, c.PupilId), StringComparer.CurrentCulture).ToList();
        var rolling = summaries.Where(s => s.RollingUnauthorised.ReachesThreshold && For(Alerts.AlertRule.PenaltyNoticeThreshold, s)).OrderByDescending(s => s.RollingUnauthorised.UnauthorisedSessions).ToList();
        var lastDay = input.MeasuredOn;
        var open = summaries.Where(s => For(Alerts.AlertRule.ContinuousAbsence, s)).SelectMany(s => s.Spells.Where(sp => sp.Last == lastDay && sp.SchoolDays >= input.ContinuousAbsenceDays).Select(sp => (s.PupilId, Spell: sp))).ToList();
        // One row per pupil, as every other list: a pupil with two patterns is one pupil, both patterns in the evidence.
        var patterns = summaries.Where(s => s.Patterns.Count > 0 && For(Alerts.AlertRule.AbsencePattern, s))
            .Select(s => (s.PupilId, Evidence: string.Join("; ", s.Patterns.Select(p => p.Evidence + DigestRows.Dates(p))))).ToList();
        var lateOften = input.LateOften.DistinctBy(l => l.PupilId, StringComparer.Ordinal)
            .OrderBy(l => NameOf(input.Directory, l.PupilId), StringComparer.CurrentCulture).ToList();
        var cohort = CohortSummary.Of(input.Scope, input.Registers.Select(r => AttendanceMeasures.YearToDate(r, input.MeasuredOn)));
        var scope = $" ({input.Scope})";
        var marked = today.Marked;
        const string NoMarks = "No marks yet";

        var blocks = new List<ReportBlock>
        {
            new Paragraph(Intro(input, cohort.Pupils, marked)),
            new KeyFacts(
            [
                new KeyFact("Attendance this year" + scope, Percent(cohort.AttendanceRate), ToneOf(cohort.Totals.Band)),
                new KeyFact("Persistent absence" + scope, $"{Count(cohort.PersistentAbsentees)} ({Percent(cohort.PersistentAbsenceRate)})", cohort.PersistentAbsentees > 0 ? Tone.Caution : Tone.Good),
                new KeyFact("Unexplained today" + scope, marked ? Pupils(today.Unexplained) : NoMarks, today.Unexplained.Count > 0 ? Tone.Caution : Tone.Normal),
                new KeyFact("Late today" + scope, marked ? Pupils(today.Late) : NoMarks),
                new KeyFact("N marks overdue (alerts)", Count(overdue.Count), overdue.Count > 0 ? Tone.Concern : Tone.Good),
                new KeyFact("10+ unauthorised in 10 weeks (alerts)", Count(rolling.Count), rolling.Count > 0 ? Tone.Concern : Tone.Good),
            ]),
            DigestRows.Section("New unexplained absences today (N)", marked ? "No new unexplained absences today." : "No marks yet for today.",
                [.. DigestRows.ByPupil(today.Unexplained).Select(p => Row(input, p.PupilId, $"{Sessions(p.Marks)}, reason not yet known", Tone.Caution))]),
            DigestRows.Section("Unexplained absences overdue", "No N marks are older than the time allowed to resolve them.",
                [.. overdue.Select(o => Row(input, o.PupilId, $"N mark on {ShortDate(o.Mark.Date)} {Session(o.Mark.Session)}, {o.Mark.AgeInSchoolDays} school days old", Tone.Concern))]),
            DigestRows.Section("Late today", marked ? "Nobody was late today." : "No marks yet for today.",
                [.. DigestRows.ByPupil(today.Late).Select(p => Row(input, p.PupilId, string.Join("; ", p.Marks.Select(DigestRows.LateEvidence))))]),
            DigestRows.Section(input.FirstAlerts ? "Late often in the last 4 school weeks (first alerts)" : "Late often in the last 4 school weeks (new alerts)",
                "No pupil was late often enough to alert about today.",
                [.. lateOften.Select(l => Row(input, l.PupilId, l.Evidence, Tone.Caution))]),
            DigestRows.Section(input.FirstAlerts ? "Attendance below a threshold (first alerts, however long ago it fell)" : "Attendance fallen below a threshold (new alerts)",
                input.FirstAlerts ? "No pupil's attendance is below a threshold." : "No pupil's attendance fell below a threshold today.",
                [.. crossed.Select(c => Row(input, c.PupilId, c.Evidence, c.Severity == Alerts.AlertSeverity.Info ? Tone.Caution : Tone.Concern))]),
            DigestRows.Section("Close to persistent absence at the end of the year", RunwayNone(input.RunwayWarningSessions),
                [.. nearPa.Select(s => Row(input, s.PupilId, DigestRows.Runway(s), Tone.Caution))]),
            DigestRows.Section("Severe absence (50% or more)", "No pupil is severely absent this year.",
                [.. severe.Select(s => Row(input, s.PupilId, $"attendance {Percent(s.YearToDate.AttendanceRate)}: absent {Count(s.YearToDate.Absent)} of {Count(s.YearToDate.Possible)} sessions", Tone.Concern))]),
            DigestRows.Section("10 or more unauthorised sessions in 10 school weeks", "No pupil has reached the penalty-notice threshold.",
                [.. rolling.Select(s => Row(input, s.PupilId, $"{s.RollingUnauthorised.UnauthorisedSessions} unauthorised sessions from {ShortDate(s.RollingUnauthorised.WindowStart)} to {ShortDate(s.RollingUnauthorised.WindowEnd)}", Tone.Concern))]),
            DigestRows.Section($"Continuous absence of {input.ContinuousAbsenceDays}+ school days, still open", "No continuous absence is open.",
                [.. open.Select(o => Row(input, o.PupilId, $"absent every session since {ShortDate(o.Spell.First)}: {o.Spell.SchoolDays} school days, {o.Spell.Sessions} sessions", Tone.Concern))]),
            DigestRows.Section("Patterns of absence", "No pattern of absence stands out.",
                [.. patterns.Select(p => Row(input, p.PupilId, p.Evidence, Tone.Caution))]),
        };
        var update = input.Run > 1 ? " (update: today's marks)" : "";
        return new ReportDocument($"Attendance digest: {Date(input.AsOf)}{update}", "Daily attendance digest", input.SchoolName, input.AsOf, blocks)
        {
            FileName = input.Run > 1 ? $"attendance-digest-{input.AsOf:yyyy-MM-dd}-{input.Run}.pdf" : $"attendance-digest-{input.AsOf:yyyy-MM-dd}.pdf",
        };

        static TableRow Row(AttendanceDigestInput input, string pupilId, string evidence, Tone tone = Tone.Normal)
        {
            var pupil = input.Directory.Pupil(pupilId);
            return new TableRow([NameOf(input.Directory, pupilId), pupil?.RegistrationGroup ?? "", DigestRows.Marked(evidence, input.OpenInterventions.GetValueOrDefault(pupilId))], tone);
        }
    }

    /// <summary>"AM session" or "AM and PM sessions".</summary>
    private static string Sessions(IReadOnlyList<DigestRows.TodayMark> marks) =>
        marks.Count == 1 ? $"{Session(marks[0].Session)} session" : $"{string.Join(" and ", marks.Select(m => Session(m.Session)))} sessions";

    /// <summary>How many pupils the marks are about ("3 pupils"): a pupil late in both sessions is one pupil late today.</summary>
    private static string Pupils(IReadOnlyList<DigestRows.TodayMark> marks)
    {
        var pupils = marks.Select(m => m.PupilId).Distinct(StringComparer.Ordinal).Count();
        return pupils == 1 ? "1 pupil" : $"{Count(pupils)} pupils";
    }

    private static string Intro(AttendanceDigestInput input, int pupils, bool marked)
    {
        var figures = $"Figures marked ({input.Scope}) cover {Count(pupils)} pupils on roll ({input.Scope}); the lists are the pupils you have alerts about today.";
        var register = marked
            ? $" Registers up to {Date(input.AsOf)}."
            : $" No marks yet for today: figures are up to {Date(input.MeasuredOn)}, the latest register received.";
        var update = input.Run > 1 ? " This update adds only what today's marks showed since this morning's digest." : "";
        var first = input.FirstAlerts
            ? " These are the school's first alerts: every pupil already past a threshold is listed once, however long ago they passed it. From the next check, only new alerts are listed."
            : "";
        return figures + register + update + first;
    }

    // The list leaves out pupils already at 10%: without saying so, "no pupil is within 10 sessions" read as if none
    // was near persistent absence on a day when many were past it and could still finish the year under it.
    private static string RunwayNone(int sessions) =>
        $"No pupil below 10% absence now is within {sessions} more missed sessions of it for the year. Pupils already at 10% or more are not listed here.";
}
