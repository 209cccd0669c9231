using System.Globalization;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

/// <summary>A message that will not be sent to one recipient (or a pupil's report left out of it), and why: always recorded, never dropped unseen.</summary>
/// <remarks><see cref="TellDataManagers"/> is set when the stored data contradicts the decision (a pupil's identity changed, an address now given for another family too): someone must look.</remarks>
public sealed record Undelivered(string RecipientId, IReadOnlyList<string> PupilIds, string Reason, bool TellDataManagers = false)
{
    public static Undelivered Of(NotSent refusal) => new(refusal.ContactId ?? "", [refusal.PupilId],
        refusal.Detail is null ? Reports.Batches.BatchPreview.Reason(refusal.Reason) : $"{Reports.Batches.BatchPreview.Reason(refusal.Reason)}: {refusal.Detail}",
        TellDataManagers: refusal.Reason is NotSentReason.PupilIdentityChanged or NotSentReason.AddressSharedWithAnotherFamily);
}

/// <summary>Sends decided messages: checks each may still go, renders each distinct document once, sends, records.</summary>
/// <remarks>
/// Reads only what the message names: its stored <see cref="OutgoingMessage"/>, its batch, the few stored records the
/// send-time check needs (the pupils and the contact, or the staff list), and the immutable snapshot its reports are
/// built from. Snapshots and rendered documents are kept in bounded caches (<see cref="LoadCache{T}"/>), never the
/// school's mutable data. Safe to share between concurrent sends: one per host, registered as a singleton by <see cref="JobsServiceCollectionExtensions.AddProgressJobs"/>.
/// </remarks>
public sealed class ReportDispatcher(
    IDocumentStore documents, IBlobStore blobs, IEmailSender email, IReportRenderer renderer, OutgoingStore outgoing, TimeProvider clock, IWorkbookRenderer? workbooks = null)
{
    private readonly LoadCache<byte[]> _rendered = new(512);
    private readonly MessageAssembly _assembly = new(documents, blobs, outgoing, workbooks, new LoadCache<TermSnapshot>(16), new LoadCache<IReadOnlyList<Progress.AssessmentResult>>(4));

    /// <summary>How long a claim stands before another worker may take the send over (its worker is presumed dead).</summary>
    /// <remarks>
    /// Longer than the slowest send (the SendGrid adapter gives up within five attempts of at most a minute each). A
    /// request that meets a live claim is queued again to run just after the claim expires (see
    /// <see cref="DispatchJob.HandleQueuedAsync"/>), so a worker that crashed mid-send delays the report by at most
    /// this long and never uses up the queue's attempts.
    /// </remarks>
    public static TimeSpan ClaimLease { get; } = TimeSpan.FromMinutes(10);

    public async Task<DispatchResult> HandleAsync(SendRequest request, CancellationToken cancellationToken)
    {
        var school = request.SchoolId;
        var message = await outgoing.ReadAsync(school, request.OutgoingId, cancellationToken)
            ?? throw new InvalidOperationException($"outgoing message {request.OutgoingId} of school {school} is not stored");
        var record = await documents.ReadAsync<SendRecord>(school, DocumentTypes.Sent, message.Id, cancellationToken);
        if (record?.Body.Status == SendStatus.Sent)
        {
            return new DispatchResult(0, 1, []);
        }

        if (message.BatchId is { } batchId && await BatchGateAsync(school, batchId, cancellationToken) is { } gate)
        {
            if (gate.Length == 0)
            {
                return new DispatchResult(0, 0, []) { Waiting = true };
            }

            var superseded = new Undelivered(message.Recipient.Id, PupilsOf(message), gate);
            await RecordAsync(school, message, [superseded], cancellationToken);
            return new DispatchResult(0, 0, [superseded]);
        }

        var prepared = await _assembly.PrepareAsync(school, message, cancellationToken);
        await RecordAsync(school, message, prepared.Refused, cancellationToken);
        if (prepared.Mail is not { } mail)
        {
            return new DispatchResult(0, 0, prepared.Refused);
        }

        var claim = await ClaimAsync(school, message, absentAtStart: record is null, cancellationToken);
        if (claim.Sent)
        {
            return new DispatchResult(0, 1, prepared.Refused);
        }

        if (claim.HeldUntil is { } until)
        {
            return new DispatchResult(0, 0, prepared.Refused, until - clock.GetUtcNow() + TimeSpan.FromSeconds(5));
        }

        var attachments = new List<EmailAttachment>(mail.Files);
        // A document is stored once with its render: the same key is the same file, so a second recipient's copy
        // needs no second write. A failed store forgets the render too, and the next send does both again.
        foreach (var (document, key) in mail.Documents)
        {
            var pdf = await _rendered.GetAsync(school, key, () => StoreAsync($"{mail.Folder}/{document.FileName}", renderer.Render(document), renderer.ContentType));
            // The render is kept for every recipient of the document and never changed: attached as it is, not copied.
            attachments.Add(EmailAttachment.Shared(document.AttachedAs, "application/pdf", pdf));
        }

        if (mail.Workbook is { } workbook && workbooks is { } workbookRenderer)
        {
            var xlsx = await _rendered.GetAsync(school, mail.WorkbookKey, () => StoreAsync($"{mail.Folder}/{workbook.FileName}", workbookRenderer.Render(workbook), workbookRenderer.ContentType));
            attachments.Add(EmailAttachment.Shared(workbook.FileName, workbookRenderer.ContentType, xlsx));
        }

        var receipt = await email.SendAsync(EmailOf(message, mail, attachments), cancellationToken);
        await documents.UpsertAsync(new Document<SendRecord>(school, DocumentTypes.Sent, message.Id,
            new SendRecord(message.ReportId, message.Recipient.Id, clock.GetUtcNow(), receipt.Provider, receipt.ProviderMessageId)), cancellationToken);
        return new DispatchResult(1, 0, prepared.Refused);

        async Task<byte[]> StoreAsync(string name, byte[] content, string contentType)
        {
            await blobs.PutAsync(BlobPath.Parse($"{JobResources.ReportsContainer}/{name}"), new MemoryStream(content), contentType, cancellationToken: cancellationToken);
            return content;
        }
    }

    /// <summary>Null when the batch lets its messages go; "" to wait (prepared or held); otherwise why it never will without staff.</summary>
    private async Task<string?> BatchGateAsync(string school, string batchId, CancellationToken cancellationToken)
    {
        var all = await documents.ListAsync<Batch>(school, DocumentTypes.Batch, cancellationToken).Select(d => d.Body).ToListAsync(cancellationToken);
        var batch = all.FirstOrDefault(b => b.Id == batchId) ?? throw new InvalidOperationException($"batch {batchId} of school {school} is not stored");
        if (batch.State is BatchState.Prepared or BatchState.Held)
        {
            return "";
        }

        return !batch.IncludeStale && BatchRules.NewerThan(batch, all) is { } newer
            ? $"superseded: batch {newer.Id} has newer data (to {newer.DataTo:yyyy-MM-dd}); release with --include-stale to send this one"
            : null;
    }

    private readonly record struct Claim(bool Sent, DateTimeOffset? HeldUntil);

    /// <summary>Claims the send: go ahead, already sent, or held by another worker until a time.</summary>
    /// <remarks>
    /// When no record stood as the send began (<paramref name="absentAtStart"/>, nearly every send), the claim is
    /// created at once and the record read only if another worker made one meanwhile: the decisions are those of
    /// reading first, without a read that nearly always finds nothing.
    /// </remarks>
    private async Task<Claim> ClaimAsync(string school, OutgoingMessage message, bool absentAtStart, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claim = new Document<SendRecord>(school, DocumentTypes.Sent, message.Id, new SendRecord(message.ReportId, message.Recipient.Id, now, "", "") { Status = SendStatus.Claimed });
        if (absentAtStart && (await documents.CreateIfAbsentAsync(claim, cancellationToken)).Created)
        {
            return default;
        }

        var existing = await documents.ReadAsync<SendRecord>(school, DocumentTypes.Sent, message.Id, cancellationToken);
        if (existing is null)
        {
            return (await documents.CreateIfAbsentAsync(claim, cancellationToken)).Created ? default : new Claim(false, now + ClaimLease);
        }

        if (existing.Body.Status == SendStatus.Sent)
        {
            return new Claim(true, null);
        }

        // A claim older than the lease belongs to a worker that stopped: take it over, one taker only (ETag).
        var expires = existing.Body.At + ClaimLease;
        return now >= expires && (await documents.ReplaceAsync(claim, existing.ETag!, cancellationToken)).Replaced
            ? default
            : new Claim(false, expires > now ? expires : now + TimeSpan.FromSeconds(30));
    }

    /// <summary>Records what will not be sent, and asks the data managers to look where the stored data contradicts the decision.</summary>
    private async Task RecordAsync(string school, OutgoingMessage message, IReadOnlyList<Undelivered> undelivered, CancellationToken cancellationToken)
    {
        if (undelivered.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await outgoing.RecordUndeliveredAsync(school,
            undelivered.Select(u => new UndeliveredRecord(message.ReportId, message.Kind, u.RecipientId, u.PupilIds, u.Reason, now) { BatchId = message.BatchId }), cancellationToken);
        if (undelivered.Where(u => u.TellDataManagers).ToList() is not { Count: > 0 } contradictions)
        {
            return;
        }

        var csv = SpreadsheetCsv.Row("report", "recipient", "pupils", "reason")
            + string.Concat(contradictions.Select(u => SpreadsheetCsv.Row(message.ReportId, u.RecipientId, string.Join(' ', u.PupilIds), u.Reason)));
        var path = BlobPath.Parse($"{JobResources.ReportsContainer}/{school}/held-back/{DispatchJob.MessageKey(message.Id)}.csv");
        await blobs.PutAsync(path, new MemoryStream(SpreadsheetCsv.Bytes(csv)), "text/csv", cancellationToken: cancellationToken);
        var staff = (await documents.ReadAsync<StaffDirectory>(school, DocumentTypes.Staff, DocumentTypes.Staff, cancellationToken))?.Body ?? new StaffDirectory([], []);
        var (notices, _) = StaffNotices.ToDataManagers(ReportKind.ReportsHeldBack, path.Value, new SchoolDirectory([], [], [], staff.Staff, staff.Roles), message.School,
            new SendReason($"reports held back at send: {message.ReportId}", message.Why.DataTo));
        await outgoing.DecideAsync(school, notices, cancellationToken);
    }

    private static IReadOnlyList<string> PupilsOf(OutgoingMessage message) => message.Payload switch
    {
        ParentReportPayload parent => [.. parent.Children.Select(c => c.PupilId)],
        DocumentPayload document => document.PupilIds,
        _ => [],
    };

    private static EmailMessage EmailOf(OutgoingMessage message, PreparedMail mail, List<EmailAttachment> attachments) => new()
    {
        MessageKey = DispatchJob.MessageKey(message.Id),
        From = message.School.Sender is { } from ? EmailAddress.Parse(from) : null,
        ReplyTo = message.School.ReplyTo is { } replyTo ? EmailAddress.Parse(replyTo) : null,
        To = [mail.To],
        Subject = mail.Email.Subject,
        TextBody = mail.Email.TextBody,
        HtmlBody = mail.Email.HtmlBody,
        Attachments = attachments,
        Categories = [message.Kind.ToString().ToLowerInvariant()],
        CustomArgs = new Dictionary<string, string> { [EmailMessage.ReportIdArg] = message.ReportId, [EmailMessage.RecipientIdArg] = message.Recipient.Id },
    };

    internal static string TermFolder(SnapshotKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.SchoolId}/{key.Year.StartYear}-{(key.Year.StartYear + 1) % 100:00}/{key.Term.ToString().ToLowerInvariant()}");
}
