using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports.Routing;

namespace ProgressFunctions.Core.Jobs;

public enum CheckOutcome
{
    Checked,
    AlreadyRan,
    NotASchoolDay,
    NoSchool,
}

public sealed record AttendanceCheckResult(CheckOutcome Outcome, string Message, IReadOnlyList<PupilAttendanceView> Pupils, IReadOnlyList<Alert> Alerts, int DigestsQueued);

/// <summary>The alerts raised on one school day, kept for the digests and for the school's records.</summary>
public sealed record AlertDay(DateOnly Date, IReadOnlyList<Alert> Alerts);

/// <summary>A completed daily check; its existence is what makes the check run once per school and day.</summary>
public sealed record CheckRun(DateOnly Date, int Pupils, int Alerts, int Digests);

/// <summary>The daily attendance check: every pupil's measures, the school's alert rules, one digest per member of staff.</summary>
/// <remarks>
/// Runs once per school day: the <see cref="CheckRun"/> record is written last, after the day's alerts, the digest
/// requests and the alert states, in that order. A crash part way re-runs the check; alerts already raised are then
/// in cool-down, and digests already queued are de-duplicated by the send ledger.
/// </remarks>
public static class AttendanceCheckJob
{
    public static async Task<AttendanceCheckResult> RunAsync(JobContext context, string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var runId = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (await context.Documents.ReadAsync<CheckRun>(schoolId, DocumentTypes.CheckRun, runId, cancellationToken) is { } done)
        {
            return new AttendanceCheckResult(CheckOutcome.AlreadyRan, $"the attendance check for {runId} already ran ({done.Body.Alerts} alerts)", [], [], 0);
        }

        var state = await SchoolState.LoadAsync(context, schoolId, cancellationToken);
        if (state.Calendar is not { } calendar)
        {
            return new AttendanceCheckResult(CheckOutcome.NoSchool, $"school {schoolId} has no stored calendar: ingest an export with school.json first", [], [], 0);
        }

        if (!calendar.IsSchoolDay(asOf))
        {
            return new AttendanceCheckResult(CheckOutcome.NotASchoolDay, $"{runId} is not a school day for {schoolId}", [], [], 0);
        }

        var (rules, error) = AlertRules.FromJson(state.Profile!.Settings.GetValueOrDefault("alerts"));
        rules ??= AlertRules.Default;
        var views = Views(state, calendar, asOf);
        var previous = new List<AlertState>();
        await foreach (var s in context.Documents.ListAsync<AlertState>(schoolId, DocumentTypes.AlertState, cancellationToken))
        {
            previous.Add(s.Body);
        }

        var evaluation = AlertEngine.Evaluate(views, rules, previous, asOf);
        var directory = state.Directory();
        var digests = DigestPlanner.Plan(evaluation.Raised, directory);

        await context.Documents.UpsertAsync(new Document<AlertDay>(schoolId, DocumentTypes.AlertDay, runId, new AlertDay(asOf, evaluation.Raised)), cancellationToken);
        await context.Queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue, cancellationToken);
        foreach (var digest in digests)
        {
            await context.Queue.SendAsync(JobResources.ReportRequestsQueue, QueueMessages.Write(new ReportRequest(schoolId, ReportKind.AttendanceDigest, runId, digest.StaffId)), cancellationToken);
        }

        var letters = await QueueLettersAsync(context, state, directory, views, asOf, cancellationToken);
        await context.Documents.BulkUpsertAsync(evaluation.States.Select(s => new Document<AlertState>(schoolId, DocumentTypes.AlertState, s.Id, s)), cancellationToken);
        await context.Documents.CreateIfAbsentAsync(new Document<CheckRun>(schoolId, DocumentTypes.CheckRun, runId, new CheckRun(asOf, views.Count, evaluation.Raised.Count, digests.Count)), cancellationToken);
        var note = error is null ? "" : $" (school.json {error}; default alert rules used)";
        var letterNote = letters > 0 ? $", {letters} parent letters queued" : "";
        return new AttendanceCheckResult(CheckOutcome.Checked, $"checked {views.Count} pupils: {evaluation.Raised.Count} alerts, {digests.Count} digests queued{letterNote}{note}", views, evaluation.Raised, digests.Count);
    }

    /// <summary>Queues the parent letters that are due (opt-in), then records each stage so it is written about once a year.</summary>
    private static async Task<int> QueueLettersAsync(JobContext context, SchoolState state, SchoolDirectory directory, List<PupilAttendanceView> views, DateOnly asOf, CancellationToken cancellationToken)
    {
        var (rules, _) = ParentLetterRules.FromJson(state.Profile!.Settings.GetValueOrDefault("parentLetters"));
        if (rules is not { Enabled: true })
        {
            return 0;
        }

        var sent = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in context.Documents.ListAsync<LetterDue>(state.SchoolId, DocumentTypes.Letter, cancellationToken))
        {
            sent.UnionWith(record.Body.Settles.Select(s => LetterDue.StageId(record.Body.PupilId, record.Body.Year, s)));
        }

        var queued = 0;
        foreach (var letter in ParentLetters.Due(views, rules, sent, asOf))
        {
            var routed = ParentRouting.Route([letter.PupilId], directory);
            if (routed.NotSent.Count > 0)
            {
                // Recorded like a snapshot's refusals, so the school can write by other means.
                await context.Documents.UpsertAsync(new Document<NotSentList>(state.SchoolId, DocumentTypes.Letter + "-not-sent", letter.Id, new NotSentList(letter.Id, routed.NotSent)), cancellationToken);
            }

            foreach (var envelope in routed.Envelopes)
            {
                await context.Queue.SendAsync(JobResources.ReportRequestsQueue, QueueMessages.Write(
                    new ReportRequest(state.SchoolId, ReportKind.AttendanceLetter, letter.Id, envelope.ContactId, null, [letter.PupilId])), cancellationToken);
                queued++;
            }

            await context.Documents.CreateIfAbsentAsync(new Document<LetterDue>(state.SchoolId, DocumentTypes.Letter, letter.Id, letter), cancellationToken);
        }

        return queued;
    }

    internal static List<PupilAttendanceView> Views(SchoolState state, Schools.SchoolCalendar calendar, DateOnly asOf)
    {
        var registers = state.Registers(calendar);
        return [.. state.OnRoll(asOf).Select(p => new PupilAttendanceView(p, AttendanceMeasures.Summarise(registers[p.Id], asOf, AttendanceRules.Default), registers[p.Id]))];
    }
}
