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
public sealed partial class AttendanceCheckJob(IDocumentStore documents, SchoolStates states, OutgoingStore outgoing, WeeklyJob weeklyJob, BatchJob batches, TimeProvider clock, ILogger<AttendanceCheckJob> logger)
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
            // Alert states are kept for good once raised, so none stored means no check has alerted anyone yet.
            FirstAlerts = previous.Count == 0 && raised.Count > 0,
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
        var first = inputs.FirstAlerts ? " (the school's first alerts: every pupil already past a threshold)" : "";
        var more = (callList is null ? "" : $", {callList}") + (weekly is null ? "" : $"; {weekly.Summary}")
            + (overdue is null ? "" : $"; no register imported for {overdue.Missing.Count} school day{(overdue.Missing.Count == 1 ? "" : "s")} before today, data managers told");
        return new AttendanceCheckResult(CheckOutcome.Checked, $"checked {views.Count} pupils{again}: {raised.Count} alerts{first}, {digests.Count} digests queued{letterNote}{more}{today}{NotSentLine(staffNotReached)}", views, raised, digests.Count)
        {
            StaffNotReached = staffNotReached,
        };
    }
}
