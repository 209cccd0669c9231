using System.Collections.Concurrent;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Routing;

namespace ProgressFunctions.Core.Jobs;

/// <summary>
/// Sends report requests, keeping each school's loaded data for <see cref="CacheFor"/> so that the thousand parent
/// reports of one snapshot do not each load the whole school. Safe to share between concurrent requests (one per
/// Functions host); the CLI makes one per drain.
/// </summary>
/// <remarks>
/// A cached school is at most <see cref="CacheFor"/> old (default 5 minutes), so a report never uses data older than
/// that; snapshots are immutable, so caching them is exact. Nothing missing is cached.
/// </remarks>
public sealed class ReportDispatcher(JobContext context, TimeSpan? cacheFor = null)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, Task<object?> Value)> _cache = new(StringComparer.Ordinal);

    public TimeSpan CacheFor { get; } = cacheFor ?? TimeSpan.FromMinutes(5);

    public async Task<DispatchResult> HandleAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var inputs = await LoadAsync(request, cancellationToken);
        var assembled = ReportAssembly.For(request, inputs);
        await RecordUndeliveredAsync(request, assembled.Undelivered, cancellationToken);
        int sent = 0, already = 0;
        DateTimeOffset? retryAt = null;
        foreach (var mail in assembled.Outgoing)
        {
            var ledgerId = DispatchJob.LedgerId(request, mail.RecipientId);
            var claim = await ClaimAsync(request, mail.RecipientId, ledgerId, cancellationToken);
            if (claim.Sent)
            {
                already++;
                continue;
            }

            if (claim.HeldUntil is { } until)
            {
                // Another worker holds this send; the others in the request go ahead, and this one is tried again later.
                retryAt = retryAt is { } r && r > until ? r : until;
                continue;
            }

            var attachments = new List<EmailAttachment>(mail.Files);
            foreach (var document in mail.Documents)
            {
                var pdf = context.Renderer.Render(document);
                await context.Blobs.PutAsync(BlobPath.Parse($"{JobResources.ReportsContainer}/{mail.BlobFolder}/{document.FileName}"), new MemoryStream(pdf), context.Renderer.ContentType, cancellationToken: cancellationToken);
                attachments.Add(EmailAttachment.Pdf(document.FileName, pdf));
            }

            var receipt = await context.Email.SendAsync(Message(request, mail, ledgerId, attachments), cancellationToken);
            await context.Documents.UpsertAsync(new Document<SendRecord>(request.SchoolId, DocumentTypes.Sent, ledgerId,
                new SendRecord(request.ReportId, mail.RecipientId, context.Clock.GetUtcNow(), receipt.Provider, receipt.ProviderMessageId)), cancellationToken);
            sent++;
        }

        var retryAfter = retryAt is { } at ? at - context.Clock.GetUtcNow() + TimeSpan.FromSeconds(5) : (TimeSpan?)null;
        return new DispatchResult(sent, already, assembled.Undelivered, retryAfter);
    }

    /// <summary>How long a claim stands before another worker may take the send over (its worker is presumed dead).</summary>
    /// <remarks>
    /// Longer than the slowest send (the SendGrid adapter gives up within five attempts of at most a minute each). A
    /// request that meets a live claim is queued again to run just after the claim expires (see
    /// <see cref="DispatchJob.HandleQueuedAsync"/>), so a worker that crashed mid-send delays the report by at most
    /// this long and never uses up the queue's attempts.
    /// </remarks>
    public static TimeSpan ClaimLease { get; } = TimeSpan.FromMinutes(10);

    private readonly record struct Claim(bool Sent, DateTimeOffset? HeldUntil);

    /// <summary>Claims one (report, recipient) send: go ahead, already sent, or held by another worker until a time.</summary>
    private async Task<Claim> ClaimAsync(ReportRequest request, string recipientId, string ledgerId, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        var claim = new Document<SendRecord>(request.SchoolId, DocumentTypes.Sent, ledgerId, new SendRecord(request.ReportId, recipientId, now, "", "") { Status = SendStatus.Claimed });
        var existing = await context.Documents.ReadAsync<SendRecord>(request.SchoolId, DocumentTypes.Sent, ledgerId, cancellationToken);
        if (existing is null)
        {
            return (await context.Documents.CreateIfAbsentAsync(claim, cancellationToken)).Created ? default : new Claim(false, now + ClaimLease);
        }

        if (existing.Body.Status == SendStatus.Sent)
        {
            return new Claim(true, null);
        }

        // A claim older than the lease belongs to a worker that stopped: take it over, one taker only (ETag).
        var expires = existing.Body.At + ClaimLease;
        return now >= expires && (await context.Documents.ReplaceAsync(claim, existing.ETag!, cancellationToken)).Replaced
            ? default
            : new Claim(false, expires > now ? expires : now + TimeSpan.FromSeconds(30));
    }

    /// <summary>Records each message that is not sent, with its reason, and asks the data managers to look where the data contradicts the decision.</summary>
    private async Task RecordUndeliveredAsync(ReportRequest request, IReadOnlyList<Undelivered> undelivered, CancellationToken cancellationToken)
    {
        if (undelivered.Count == 0)
        {
            return;
        }

        var now = context.Clock.GetUtcNow();
        await context.Documents.BulkUpsertAsync(undelivered.Select(u => new Document<UndeliveredRecord>(request.SchoolId, DocumentTypes.NotSent,
            DispatchJob.DocumentId($"{DispatchJob.LedgerId(request, u.RecipientId)}{(u.PupilIds.Count == 1 ? "." + u.PupilIds[0] : "")}"),
            new UndeliveredRecord(request.ReportId, request.Kind, u.RecipientId, u.PupilIds, u.Reason, now))), cancellationToken);
        if (undelivered.Where(u => u.TellDataManagers).ToList() is { Count: > 0 } contradictions)
        {
            var csv = SpreadsheetCsv.Row("report", "recipient", "pupils", "reason")
                + string.Concat(contradictions.Select(u => SpreadsheetCsv.Row(request.ReportId, u.RecipientId, string.Join(' ', u.PupilIds), u.Reason)));
            var path = BlobPath.Parse($"{JobResources.ReportsContainer}/{request.SchoolId}/held-back/{DispatchJob.MessageKey(DispatchJob.LedgerId(request, request.RecipientId))}.csv");
            await context.Blobs.PutAsync(path, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "text/csv", cancellationToken: cancellationToken);
            await context.Queue.SendAsync(JobResources.ReportRequestsQueue, QueueMessages.Write(
                new ReportRequest(request.SchoolId, ReportKind.ReportsHeldBack, path.Value, "data-managers")), cancellationToken);
        }
    }

    private static EmailMessage Message(ReportRequest request, Outgoing mail, string ledgerId, List<EmailAttachment> attachments) => new()
    {
        MessageKey = DispatchJob.MessageKey(ledgerId),
        To = [mail.To],
        Subject = mail.Email.Subject,
        TextBody = mail.Email.TextBody,
        HtmlBody = mail.Email.HtmlBody,
        Attachments = attachments,
        Categories = [request.Kind.ToString().ToLowerInvariant()],
        CustomArgs = new Dictionary<string, string> { [EmailMessage.ReportIdArg] = request.ReportId, [EmailMessage.RecipientIdArg] = mail.RecipientId },
    };

    private async Task<DispatchInputs> LoadAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var school = (School)(await CachedAsync("school/" + request.SchoolId, async () =>
        {
            var state = await SchoolState.LoadAsync(context, request.SchoolId, cancellationToken);
            var calendar = state.Calendar ?? throw new InvalidOperationException($"school {request.SchoolId} has no stored calendar");
            return new School(state, state.Directory(), state.Registers(calendar));
        }))!;

        var snapshot = request.Kind is ReportKind.AttendanceDigest or ReportKind.ImportErrors or ReportKind.ReportsHeldBack or ReportKind.AttendanceLetter ? null
            : (Progress.Snapshots.TermSnapshot?)await CachedAsync($"snapshot/{request.SchoolId}/{request.Source}", async () => await SnapshotStore.LoadAsync(context, request.SchoolId, request.Source, cancellationToken))
              ?? throw new InvalidOperationException($"snapshot {request.Source} of school {request.SchoolId} is not stored");
        var alerts = request.Kind == ReportKind.AttendanceDigest
            ? await DocumentAsync<AlertDay>(request, DocumentTypes.AlertDay, cancellationToken) ?? throw new InvalidOperationException($"no alerts stored for {request.Source}")
            : null;
        var letter = request.Kind == ReportKind.AttendanceLetter
            ? await DocumentAsync<Alerts.LetterDue>(request, DocumentTypes.Letter, cancellationToken) ?? throw new InvalidOperationException($"no letter {request.Source} is stored")
            : null;
        var file = request.Kind is ReportKind.ImportErrors or ReportKind.ReportsHeldBack ? await ReadBlobAsync(request.Source, cancellationToken) : null;
        return new DispatchInputs(school.State, school.Directory, school.Registers, snapshot, alerts, file) { Letter = letter };
    }

    private async Task<T?> DocumentAsync<T>(ReportRequest request, string type, CancellationToken cancellationToken)
        where T : class =>
        (T?)await CachedAsync($"{type}/{request.SchoolId}/{request.Source}", async () => (await context.Documents.ReadAsync<T>(request.SchoolId, type, request.Source, cancellationToken))?.Body);

    /// <summary>One load per key at a time, shared by concurrent requests, kept until it is older than <see cref="CacheFor"/>.</summary>
    private async Task<object?> CachedAsync(string key, Func<Task<object?>> load)
    {
        var now = context.Clock.GetUtcNow();
        var entry = _cache.AddOrUpdate(key, _ => (now, load()), (_, old) => now - old.LoadedAt < CacheFor && !old.Value.IsFaulted ? old : (now, load()));
        var value = await entry.Value;
        if (value is null)
        {
            _cache.TryRemove(KeyValuePair.Create(key, entry));
        }

        return value;
    }

    private async Task<byte[]> ReadBlobAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = await context.Blobs.OpenReadAsync(BlobPath.Parse(path), cancellationToken) ?? throw new InvalidOperationException($"{path} is missing");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private sealed record School(SchoolState State, SchoolDirectory Directory, IReadOnlyDictionary<string, Attendance.PupilRegister> Registers);
}
