using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Text;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Batches;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

/// <summary>A batch with where it has got to: how many of its messages are sent, and how many will not be.</summary>
/// <remarks><see cref="State"/> is <see cref="BatchState.Sent"/> once every message is sent or recorded as not sent.</remarks>
public sealed record BatchView(Batch Batch, int Sent, int NotSent, string? NewerBatch)
{
    public BatchState State => Batch.State == BatchState.Released && Sent + NotSent >= Batch.Messages ? BatchState.Sent : Batch.State;

    public bool Stale => NewerBatch is not null;
}

public enum BatchActionOutcome
{
    Done,
    NotFound,
    Stale,
    Nothing,
    /// <summary>Decided again at release, the batch reached far fewer families than the one reviewed: held, not released.</summary>
    HeldFewer,
}

public sealed record BatchActionResult(BatchActionOutcome Outcome, string Message, int Queued = 0);

/// <summary>Batches of messages to families: prepared with a preview to staff, held or released, never sent stale.</summary>
/// <remarks>
/// A batch is prepared when its messages are decided (a snapshot's parent reports, a day's attendance letters): the
/// messages are stored but not queued, and the data managers and the headteacher get a preview. It is released by
/// staff (<c>progress release</c>), or by itself on its <see cref="Batch.ReleaseOn"/> day unless held
/// (<see cref="ReleaseDueAsync"/>); releasing first decides a parent-report batch's messages again from the data stored
/// then (<see cref="BatchAmendment"/>: corrections made during the review reach the families), then queues each message
/// not yet sent. A batch older than another of its kind
/// is never released by itself, and staff must say <c>--include-stale</c> to release it. Dispatch checks the batch
/// again before each send, so a batch held after its release stops too.
/// </remarks>
public sealed partial class BatchJob(IDocumentStore documents, IBlobStore blobs, OutgoingStore outgoing, BatchRerouting rerouting, TimeProvider clock, ILogger<BatchJob> logger)
{
    /// <summary>Prepares a batch once: stores its messages, members and not-reached list, then the batch, then queues the preview.</summary>
    /// <returns>The batch, and whether this call prepared it (false: it already was, and nothing was done).</returns>
    public async Task<(Batch Batch, bool Prepared)> PrepareAsync(
        SchoolState state, BatchKind kind, string batchId, string source, string title, DateOnly dataTo, DateOnly preparedOn,
        IReadOnlyList<OutgoingMessage> messages, IReadOnlyList<NotSent> notReached, CancellationToken cancellationToken)
    {
        var schoolId = state.SchoolId;
        if (await documents.ReadAsync<Batch>(schoolId, DocumentTypes.Batch, batchId, cancellationToken) is { } existing)
        {
            return (existing.Body, false);
        }

        var profile = state.Profile!;
        var pupils = messages.SelectMany(PupilsOf).Distinct(StringComparer.Ordinal).Count();
        var late = BatchRules.LateReason(kind, dataTo, preparedOn);
        var batch = new Batch(batchId, kind, source, dataTo, preparedOn, BatchRules.ReleaseOn(state.Calendar!, preparedOn, profile.Settings.ReviewSchoolDays),
            late is null ? BatchState.Prepared : BatchState.Held, messages.Count, pupils, BatchRules.PupilsReachedByNoOne(notReached).Count) { Title = title, HeldReason = late };
        await outgoing.DecideAsync(schoolId, messages, cancellationToken);
        await documents.UpsertAsync(new Document<BatchMembers>(schoolId, DocumentTypes.BatchMembers, batchId, new BatchMembers([.. messages.Select(m => m.Id)])), cancellationToken);
        await documents.UpsertAsync(new Document<BatchNotReached>(schoolId, DocumentTypes.BatchNotReached, batchId, new BatchNotReached(notReached)), cancellationToken);
        var directory = state.Directory();
        var csv = await WriteNotReachedAsync(schoolId, batchId, notReached, directory, cancellationToken);
        var created = await documents.CreateIfAbsentAsync(new Document<Batch>(schoolId, DocumentTypes.Batch, batchId, batch), cancellationToken);
        if (!created.Created)
        {
            return ((await documents.ReadAsync<Batch>(schoolId, DocumentTypes.Batch, batchId, cancellationToken))!.Body, false);
        }

        var all = await documents.ListAsync<Batch>(schoolId, DocumentTypes.Batch, cancellationToken).Select(d => d.Body).ToListAsync(cancellationToken);
        logger.LogInformation("Batch {BatchId} of school {SchoolId} prepared: {Messages} messages, {NotReached} pupils not reached, release on {ReleaseOn}",
            batchId, schoolId, batch.Messages, batch.NotReached, batch.ReleaseOn);
        await outgoing.DecideAsync(schoolId, Previews(state, batch, BatchRules.NewerThan(batch, all)?.Id, notReached, csv, messages, directory), cancellationToken);
        return (batch, true);
    }

    private static IEnumerable<string> PupilsOf(OutgoingMessage message) => message.Payload switch
    {
        ParentReportPayload parent => parent.Children.Select(c => c.PupilId),
        DocumentPayload document => document.PupilIds,
        _ => [],
    };

    /// <summary>The preview, one message to each data manager and the headteacher.</summary>
    private static List<OutgoingMessage> Previews(SchoolState state, Batch batch, string? newer, IReadOnlyList<NotSent> notReached, string csv, IReadOnlyList<OutgoingMessage> messages, SchoolDirectory directory)
    {
        var profile = state.Profile!;
        var school = Letterheads.Of(profile);
        var what = batch.Describe();
        var hold = $"progress hold --school {state.SchoolId} --batch {batch.Id} --reason \"...\"";
        var release = $"progress release --school {state.SchoolId} --batch {batch.Id}{(newer is null ? "" : " --include-stale")}";
        var document = BatchPreview.Build(new BatchPreviewInput(profile.Name, batch, what, notReached, id => Reports.ReportFormat.NameOf(directory, id), hold, release) { NewerBatch = newer });
        var csvName = csv[(csv.LastIndexOf('/') + 1)..];
        var releaseOn = batch.ReleaseOn.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var why = new SendReason($"review of batch {batch.Id} before it goes to families", batch.DataTo);
        // Three different children: a pupil's parents' messages come next to each other, and would show one report twice.
        var samples = messages.DistinctBy(m => PupilsOf(m).FirstOrDefault()).Take(3).Select(m => m.Id).ToList();
        return [.. new[] { StaffRoleKind.DataManager, StaffRoleKind.Headteacher }
            .SelectMany(role => StaffRouting.Route(role, null, directory).Recipients.Select(s => (Member: s, Role: role)))
            .DistinctBy(r => r.Member.Id)
            .Select(r => new OutgoingMessage($"{ReportKind.BatchPreview}.{batch.Id}", ReportKind.BatchPreview,
                new Recipient(r.Member.Id, RecipientKind.Staff, r.Member.Email, r.Member.DisplayName),
                new BatchPreviewPayload(document, ReportEmailComposer.ForBatchPreview(profile.Name, r.Member.DisplayName, what, releaseOn, newer, hold, [document.FileName, csvName], batch.HeldReason, release),
                    $"{state.SchoolId}/batches/{batch.Id}", csv, samples),
                why, [$"{r.Role}"], school))];
    }

    private async Task<string> WriteNotReachedAsync(string schoolId, string batchId, IReadOnlyList<NotSent> notReached, SchoolDirectory directory, CancellationToken cancellationToken)
    {
        var unreached = BatchRules.PupilsReachedByNoOne(notReached);
        var csv = new StringBuilder(SpreadsheetCsv.Row("pupil_id", "upn", "pupil", "year", "form", "report_reaches_someone", "contact_id", "contact", "reason", "detail"));
        foreach (var n in notReached.OrderBy(n => unreached.Contains(n.PupilId) ? 0 : 1).ThenByPupilName(n => directory.Pupil(n.PupilId)?.DisplayName, n => n.PupilId))
        {
            var pupil = directory.Pupil(n.PupilId);
            var contact = n.ContactId is null ? null : directory.Contact(n.ContactId);
            csv.Append(SpreadsheetCsv.Row(n.PupilId, pupil?.Upn, pupil?.DisplayName, pupil?.YearGroup.ToString(CultureInfo.InvariantCulture), pupil?.RegistrationGroup,
                unreached.Contains(n.PupilId) ? "no" : "yes", n.ContactId, contact?.DisplayName, BatchPreview.Reason(n.Reason), n.Detail));
        }

        var path = BlobPath.Parse($"{JobResources.ReportsContainer}/{schoolId}/batches/{batchId}/not-reached-{batchId}.csv");
        await blobs.PutAsync(path, new MemoryStream(SpreadsheetCsv.Bytes(csv.ToString())), "text/csv", cancellationToken: cancellationToken);
        return path.Value;
    }

    /// <summary>Every batch of the school with its progress, newest data first.</summary>
    public async Task<IReadOnlyList<BatchView>> ListAsync(string schoolId, CancellationToken cancellationToken)
    {
        var batches = await documents.ListAsync<Batch>(schoolId, DocumentTypes.Batch, cancellationToken).Select(d => d.Body).ToListAsync(cancellationToken);
        var sent = await documents.ListAsync<SendRecord>(schoolId, DocumentTypes.Sent, cancellationToken)
            .Where(d => d.Body.Status == SendStatus.Sent).Select(d => d.Id).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        var undelivered = await documents.ListAsync<UndeliveredRecord>(schoolId, DocumentTypes.NotSent, cancellationToken)
            .Where(d => d.Body.BatchId is not null).Select(d => d.Body).ToListAsync(cancellationToken);
        var views = new List<BatchView>();
        foreach (var batch in batches)
        {
            var members = (await documents.ReadAsync<BatchMembers>(schoolId, DocumentTypes.BatchMembers, batch.Id, cancellationToken))?.Body.OutgoingIds ?? [];
            var notSent = undelivered.Where(u => u.BatchId == batch.Id).Select(u => DispatchJob.LedgerId(u.ReportId, u.RecipientId)).Distinct(StringComparer.Ordinal)
                .Count(id => !sent.Contains(id));
            views.Add(new BatchView(batch, members.Count(sent.Contains), notSent, BatchRules.NewerThan(batch, batches)?.Id));
        }

        return [.. views.OrderByDescending(v => v.Batch.DataTo).ThenBy(v => v.Batch.Id, StringComparer.Ordinal)];
    }

    /// <summary>Holds a batch: nothing more of it goes until it is released again.</summary>
    public async Task<BatchActionResult> HoldAsync(string schoolId, string batchId, string? reason, CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<Batch>(schoolId, DocumentTypes.Batch, batchId, cancellationToken);
        if (stored is null)
        {
            return NotFound(schoolId, batchId);
        }

        if (stored.Body.State == BatchState.Held)
        {
            return new BatchActionResult(BatchActionOutcome.Nothing, $"batch {batchId} is already held ({stored.Body.HeldReason ?? "no reason given"})");
        }

        if (stored.Body.State == BatchState.Released && (await UnsentAsync(schoolId, batchId, cancellationToken)).Count == 0)
        {
            return AlreadyGone(batchId, "hold");
        }

        var replaced = await documents.ReplaceAsync(stored with { Body = stored.Body with { State = BatchState.Held, HeldReason = reason ?? "held by staff" } }, stored.ETag!, cancellationToken);
        if (!replaced.Replaced)
        {
            return await HoldAsync(schoolId, batchId, reason, cancellationToken);
        }

        logger.LogInformation("Batch {BatchId} of school {SchoolId} held", batchId, schoolId);
        return new BatchActionResult(BatchActionOutcome.Done, $"batch {batchId} is held: nothing more of it goes to families until it is released");
    }

    /// <summary>The batch's messages the ledger does not record as sent.</summary>
    private async Task<List<string>> UnsentAsync(string schoolId, string batchId, CancellationToken cancellationToken)
    {
        var members = (await documents.ReadAsync<BatchMembers>(schoolId, DocumentTypes.BatchMembers, batchId, cancellationToken))?.Body.OutgoingIds ?? [];
        var unsent = new List<string>();
        foreach (var id in members)
        {
            if ((await documents.ReadAsync<SendRecord>(schoolId, DocumentTypes.Sent, id, cancellationToken))?.Body.Status != SendStatus.Sent)
            {
                unsent.Add(id);
            }
        }

        return unsent;
    }

    private static BatchActionResult AlreadyGone(string batchId, string action) =>
        new(BatchActionOutcome.Nothing, $"batch {batchId} has already gone: every one of its messages was sent ('progress sent --batch {batchId}' lists them), so there is nothing to {action}");

    /// <summary>Whether the school has the batch: one read, for a command that takes a batch id to refuse one mistyped.</summary>
    public async Task<bool> ExistsAsync(string schoolId, string batchId, CancellationToken cancellationToken) =>
        await documents.ReadAsync<Batch>(schoolId, DocumentTypes.Batch, batchId, cancellationToken) is not null;

    /// <summary>What every command says of a batch id the school does not have.</summary>
    public static string NoSuchBatch(string schoolId, string batchId) =>
        $"school {schoolId} has no batch {batchId}: 'progress batches --school {schoolId}' lists them";

    private static BatchActionResult NotFound(string schoolId, string batchId) => new(BatchActionOutcome.NotFound, NoSuchBatch(schoolId, batchId));
}
