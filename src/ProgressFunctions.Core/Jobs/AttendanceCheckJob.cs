using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

public enum CheckOutcome
{
    Checked,
    AlreadyRan,
    NotASchoolDay,
    NoSchool,

    /// <summary>The school's calendar has no term in the academic year of the date: nothing can be checked until it does.</summary>
    NoTermsThisYear,
}

public sealed record AttendanceCheckResult(CheckOutcome Outcome, string Message, IReadOnlyList<PupilAttendanceView> Pupils, IReadOnlyList<Alert> Alerts, int DigestsQueued)
{
    /// <summary>Whether the check could not run for a reason someone must put right (no such school, or no terms this year).</summary>
    public bool CouldNotRun => Outcome is CheckOutcome.NoSchool or CheckOutcome.NoTermsThisYear;

    /// <summary>The staff messages the run decided but could not address (digests, the call list, weekly messages, notices), each recorded as not sent with its reason.</summary>
    public IReadOnlyList<NotDecided> StaffNotReached { get; init; } = [];

    /// <summary>Whether someone must act: the check could not run, or ran and could not address a staff message (a missing or invalid address in staff.csv).</summary>
    public bool NeedsSomeone => CouldNotRun || StaffNotReached.Count > 0;
}

/// <summary>The alerts one run of the check raised on one school day, kept for the digests and for the school's records.</summary>
/// <remarks>
/// <see cref="Run"/> is 1 for the day's first run and counts up for each re-run after today's marks arrived; a re-run
/// keeps only the alerts no earlier run of the day raised at the same or a higher level, so nobody is told twice.
/// <see cref="RegisterDate"/> is the latest complete register the run stood on (the day before <see cref="Date"/>
/// when today had no marks yet); null in records written before it was kept, meaning <see cref="Date"/>.
/// </remarks>
public sealed record AlertDay(DateOnly Date, IReadOnlyList<Alert> Alerts)
{
    public int Run { get; init; } = 1;

    public DateOnly? RegisterDate { get; init; }

    /// <summary>Whether the register had any mark for <see cref="Date"/> itself when the run was made.</summary>
    public bool MarksToday { get; init; } = true;
}

/// <summary>A completed run of the daily check; its existence is what makes the check run once per school, day and register.</summary>
/// <remarks>
/// <see cref="SessionsMarkedToday"/> is how many of today's sessions the register held when the run was made (0 in
/// records written before it was kept). The check runs again on the same day only when that number has grown: an
/// export carrying today's marks has arrived since.
/// </remarks>
public sealed record CheckRun(DateOnly Date, int Pupils, int Alerts, int Digests)
{
    public int Run { get; init; } = 1;

    public int SessionsMarkedToday { get; init; }

    /// <summary>The document id of run <paramref name="run"/> on <paramref name="date"/>: the ISO date, then ".2", ".3"... for re-runs.</summary>
    public static string IdFor(DateOnly date, int run) =>
        date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + (run == 1 ? "" : "." + run.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The run to make now, given the day's completed runs and the sessions marked today now; null when nothing is new.</summary>
    public static int? Next(IReadOnlyList<CheckRun> runs, int sessionsMarkedToday) =>
        runs.Count == 0 ? 1
        : sessionsMarkedToday > runs.Max(r => r.SessionsMarkedToday) ? runs.Max(r => r.Run) + 1
        : null;
}

/// <summary>The daily attendance check: every pupil's measures, the school's alert rules, one digest per member of staff.</summary>
/// <remarks>
/// Runs after the morning registers close, against the latest complete register: when today has no marks yet the
/// measures are taken as of the last marked day and nothing is said about today. The first run that finds today's
/// marks also decides the morning call list (<see cref="CallListDecisions"/>), and each run decides the weekly messages
/// when a school week's are due (<see cref="WeeklyJob"/>). It runs again on the same day when
/// an export carrying today's marks has arrived (<see cref="CheckRun.Next"/>); that run's digests carry only the
/// alerts the day's earlier runs did not. Each run writes its <see cref="CheckRun"/> record last, after the run's
/// alerts, the digest requests and the alert states: a crash part way re-runs the same run, whose alerts and digest
/// requests are the same, and the send ledger keeps digests already sent from going out twice.
/// </remarks>
public sealed class AttendanceCheckJob(IDocumentStore documents, SchoolStates states, OutgoingStore outgoing, WeeklyJob weeklyJob, BatchJob batches, TimeProvider clock, ILogger<AttendanceCheckJob> logger)
{
    public async Task<AttendanceCheckResult> RunAsync(string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(schoolId, asOf, cancellationToken);
        logger.LogInformation("Attendance check for school {SchoolId} on {AsOf}: {Outcome}, {Pupils} pupils, {Alerts} alerts, {Digests} digests",
            schoolId, asOf, result.Outcome, result.Pupils.Count, result.Alerts.Count, result.DigestsQueued);
        return result;
    }

    private async Task<AttendanceCheckResult> CheckAsync(string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var day = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var state = await states.LoadAsync(schoolId, ProgressLoad.InterventionsOnly, cancellationToken);
        if (state.Calendar is not { } calendar)
        {
            return new AttendanceCheckResult(CheckOutcome.NoSchool, $"school {schoolId} has no stored calendar: ingest an export with school.json first", [], [], 0);
        }

        // Said apart from "not a school day": a school whose export still carries last year's terms would otherwise be
        // told that every day of the new year is a holiday, and get no check and no alert, with nothing to show why.
        if (AcademicYear.Containing(asOf) is var year && calendar.TermsOf(year).Count == 0)
        {
            logger.LogWarning("School {SchoolId}'s calendar has no terms in {Year}: the attendance check cannot run", schoolId, year.ToString());
            return new AttendanceCheckResult(
                CheckOutcome.NoTermsThisYear,
                $"the school calendar has no terms in {year} ({calendar.YearsHeld()}): no attendance check runs until an export's school.json adds them",
                [], [], 0);
        }

        if (!calendar.IsSchoolDay(asOf))
        {
            return new AttendanceCheckResult(CheckOutcome.NotASchoolDay, $"{day} is not a school day for {schoolId}", [], [], 0);
        }

        var registers = state.Registers(calendar);
        var onRoll = state.OnRoll(asOf);
        var register = RegisterStatus.Of([.. onRoll.Select(p => registers[p.Id])], calendar, asOf);
        var runs = await RunsAsync(schoolId, asOf, cancellationToken);
        if (CheckRun.Next(runs, register.SessionsMarkedOnAsOf) is not { } run)
        {
            return new AttendanceCheckResult(CheckOutcome.AlreadyRan,
                $"the attendance check for {day} already ran ({runs.Sum(r => r.Alerts)} alerts); no new marks for today since", [], [], 0);
        }

        var runId = CheckRun.IdFor(asOf, run);
        var rules = state.Profile!.Settings.Alerts;
        var views = onRoll.Select(p => new PupilAttendanceView(p, AttendanceMeasures.Summarise(registers[p.Id], register.MeasuredOn, AttendanceRules.Default), registers[p.Id])
        {
            Interventions = state.InterventionsOf(p.Id),
        }).ToList();
        var previous = new List<AlertState>();
        await foreach (var s in documents.ListAsync<AlertState>(schoolId, DocumentTypes.AlertState, cancellationToken))
        {
            previous.Add(s.Body);
        }

        var evaluation = AlertEngine.Evaluate(views, rules, previous, asOf);
        var raised = await NewSinceEarlierRunsAsync(schoolId, runs, evaluation.Raised, cancellationToken);
        var directory = state.Directory();
        var digests = DigestPlanner.Plan(raised, directory);

        var alertDay = new AlertDay(asOf, raised) { Run = run, RegisterDate = register.MeasuredOn, MarksToday = register.HasMarksOnAsOf };
        await documents.UpsertAsync(new Document<AlertDay>(schoolId, DocumentTypes.AlertDay, runId, alertDay), cancellationToken);
        var inputs = new CheckDecisions.CheckRunInputs(schoolId, runId, asOf, register.MeasuredOn, run, calendar, directory, registers, onRoll, Letterheads.Of(state.Profile))
        {
            OpenInterventions = views.Select(v => (v.Pupil.Id, Open: AlertEngine.OpenInterventions(v.Interventions, asOf))).Where(v => v.Open is not null)
                .ToDictionary(v => v.Id, v => v.Open!, StringComparer.Ordinal),
        };
        await outgoing.DecideAsync(schoolId, CheckDecisions.Digests(inputs, digests), cancellationToken);
        var staffNotReached = new List<NotDecided>(CheckDecisions.DigestsNotReached(inputs, DigestPlanner.NotReached(raised, directory)));
        await RecordNotReachedAsync(inputs, staffNotReached, cancellationToken);
        var callList = register.HasMarksOnAsOf && runs.All(r => r.SessionsMarkedToday == 0)
            ? await DecideCallListAsync(state, inputs, staffNotReached, cancellationToken) : null;
        var weekly = await weeklyJob.RunAsync(state, inputs, register.HasMarksOnAsOf, cancellationToken);
        staffNotReached.AddRange(weekly?.NotReached ?? []);
        var letters = await PrepareLettersAsync(state, inputs, views, cancellationToken);
        var overdue = Reports.DataManagers.ExportOverdue.Of(calendar, asOf, register.LatestMarked);
        if (overdue is not null)
        {
            await DecideExportOverdueAsync(inputs, overdue, staffNotReached, cancellationToken);
        }

        // Only the states this run raised have changed; rewriting every stored state each school day was nearly half the
        // check's request units on Cosmos DB (docs/cost.md).
        var stored = previous.ToHashSet();
        await documents.BulkUpsertAsync(evaluation.States.Where(s => !stored.Contains(s)).Select(s => new Document<AlertState>(schoolId, DocumentTypes.AlertState, s.Id, s)), cancellationToken);
        await documents.CreateIfAbsentAsync(new Document<CheckRun>(schoolId, DocumentTypes.CheckRun, runId,
            new CheckRun(asOf, views.Count, raised.Count, digests.Count) { Run = run, SessionsMarkedToday = register.SessionsMarkedOnAsOf }), cancellationToken);
        var letterNote = letters > 0 ? $", {letters} parent letters prepared for review" : "";
        var today = register.HasMarksOnAsOf
            ? register.PupilsUnmarkedOnAsOf switch { 0 => "", 1 => "; 1 pupil on roll has no mark for today", var n => $"; {n} pupils on roll have no mark for today" }
            : $"; no marks yet for today (measured to {register.LatestMarked?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "the start of the year"})";
        var again = run == 1 ? "" : $" (run {run}: today's marks arrived)";
        var more = (callList is null ? "" : $", {callList}") + (weekly is null ? "" : $"; {weekly.Summary}")
            + (overdue is null ? "" : $"; no register imported for {overdue.Missing.Count} school day{(overdue.Missing.Count == 1 ? "" : "s")} before today, data managers told");
        return new AttendanceCheckResult(CheckOutcome.Checked, $"checked {views.Count} pupils{again}: {raised.Count} alerts, {digests.Count} digests queued{letterNote}{more}{today}{NotSentLine(staffNotReached)}", views, raised, digests.Count)
        {
            StaffNotReached = staffNotReached,
        };
    }

    /// <summary>"; 4 staff messages not sent (no e-mail address): S003 (attendance digest, call list, weekly summary), S006 (attendance digest)", and the same for roles nobody holds.</summary>
    /// <remarks>Staff ids and role names only: no one's name or address goes to the terminal or the log.</remarks>
    internal static string NotSentLine(IReadOnlyList<NotDecided> notReached)
    {
        if (notReached.Count == 0)
        {
            return "";
        }

        static string Kind(ReportKind kind) => kind switch
        {
            ReportKind.AttendanceDigest => "attendance digest",
            ReportKind.CallList => "call list",
            ReportKind.WeeklySummary => "weekly summary",
            ReportKind.MentorDigest => "mentor digest",
            ReportKind.ExportOverdue => "export overdue notice",
            var other => other.ToString(),
        };

        string Part(IEnumerable<NotDecided> group, string why)
        {
            var list = group.ToList();
            var who = list.GroupBy(n => n.RecipientId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({string.Join(", ", g.Select(n => Kind(n.Kind)).Distinct())})");
            return $"; {list.Count} staff message{(list.Count == 1 ? "" : "s")} not sent ({why}): {string.Join(", ", who)}";
        }

        var noAddress = notReached.Where(n => n.Reason.StartsWith(Reports.Routing.StaffRouting.NoAddressReason, StringComparison.Ordinal)).ToList();
        var other = notReached.Except(noAddress).ToList();
        return (noAddress.Count > 0 ? Part(noAddress, "no e-mail address") : "") + (other.Count > 0 ? Part(other, "nobody to send to") : "")
            + "; progress not-sent --date lists them";
    }

    /// <summary>Records staff messages that cannot be addressed, under the check's day, so <c>progress not-sent --date</c> lists them.</summary>
    private async Task RecordNotReachedAsync(CheckDecisions.CheckRunInputs run, IEnumerable<NotDecided> notReached, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await outgoing.RecordUndeliveredAsync(run.SchoolId, notReached.Select(n => new UndeliveredRecord(n.ReportId, n.Kind, n.RecipientId, [], n.Reason, now) { Day = run.AsOf }), cancellationToken);
    }

    /// <summary>Tells the data managers the export is overdue; the same spell decides the same messages, which the ledger sends once.</summary>
    private async Task DecideExportOverdueAsync(CheckDecisions.CheckRunInputs run, Reports.DataManagers.ExportOverdue overdue, List<NotDecided> staffNotReached, CancellationToken cancellationToken)
    {
        var (messages, notReached) = ExportOverdueDecisions.For(run, overdue);
        await outgoing.DecideAsync(run.SchoolId, messages, cancellationToken);
        await RecordNotReachedAsync(run, notReached, cancellationToken);
        staffNotReached.AddRange(notReached);
    }

    /// <summary>Decides the morning call list: the first run of the day that finds today's marks, once.</summary>
    private async Task<string> DecideCallListAsync(SchoolState state, CheckDecisions.CheckRunInputs run, List<NotDecided> staffNotReached, CancellationToken cancellationToken)
    {
        var (messages, notReached) = CallListDecisions.For(run, (pupil, session) => state.LateReasonFor(pupil, run.AsOf, session));
        await outgoing.DecideAsync(run.SchoolId, messages, cancellationToken);
        await RecordNotReachedAsync(run, notReached, cancellationToken);
        staffNotReached.AddRange(notReached);
        return messages.Count == 1 ? "1 call list queued" : $"{messages.Count} call lists queued";
    }

    /// <summary>The day's completed runs, in order: run 1 under the date, then ".2", ".3"... until one is missing.</summary>
    private async Task<IReadOnlyList<CheckRun>> RunsAsync(string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var runs = new List<CheckRun>();
        while (await documents.ReadAsync<CheckRun>(schoolId, DocumentTypes.CheckRun, CheckRun.IdFor(asOf, runs.Count + 1), cancellationToken) is { } done)
        {
            runs.Add(done.Body with { Run = runs.Count + 1 });
        }

        return runs;
    }

    /// <summary>The alerts no completed run of the day raised at the same or a higher level: what a re-run tells anyone.</summary>
    private async Task<IReadOnlyList<Alert>> NewSinceEarlierRunsAsync(string schoolId, IReadOnlyList<CheckRun> runs, IReadOnlyList<Alert> raised, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return raised;
        }

        var told = new Dictionary<(string, AlertRule), int>();
        foreach (var earlier in runs)
        {
            var stored = await documents.ReadAsync<AlertDay>(schoolId, DocumentTypes.AlertDay, CheckRun.IdFor(earlier.Date, earlier.Run), cancellationToken);
            foreach (var alert in stored?.Body.Alerts ?? [])
            {
                told[(alert.PupilId, alert.Rule)] = Math.Max(alert.Level, told.GetValueOrDefault((alert.PupilId, alert.Rule), int.MinValue));
            }
        }

        return [.. raised.Where(a => !told.TryGetValue((a.PupilId, a.Rule), out var level) || a.Level > level)];
    }

    /// <summary>Prepares the parent letters that are due (opt-in) as a batch for staff to review, then records each stage so it is written about once a year.</summary>
    private async Task<int> PrepareLettersAsync(SchoolState state, CheckDecisions.CheckRunInputs run, List<PupilAttendanceView> views, CancellationToken cancellationToken)
    {
        var rules = state.Profile!.Settings.ParentLetters;
        if (!rules.Enabled)
        {
            return 0;
        }

        var sent = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in documents.ListAsync<LetterDue>(state.SchoolId, DocumentTypes.Letter, cancellationToken))
        {
            sent.UnionWith(record.Body.Settles.Select(s => LetterDue.StageId(record.Body.PupilId, record.Body.Year, s)));
        }

        var due = ParentLetters.Due(views, rules, sent, run.AsOf).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var batchId = $"letters-{run.RunId}";
        var (letters, notReached) = CheckDecisions.Letters(run, due, rules, batchId);
        await batches.PrepareAsync(state, BatchKind.AttendanceLetters, batchId, run.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            $"attendance letters of {Reports.ReportFormat.Date(run.AsOf)}", run.RegisterDate ?? run.AsOf, run.AsOf, letters, notReached, cancellationToken);
        await documents.BulkUpsertAsync(due.Select(letter => new Document<LetterDue>(state.SchoolId, DocumentTypes.Letter, letter.Id, letter)), cancellationToken);
        return letters.Count;
    }
}
