using System.Collections.Concurrent;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
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
        var (outgoing, skipped) = ReportAssembly.For(request, inputs);
        int sent = 0, already = 0;
        foreach (var mail in outgoing)
        {
            var ledgerId = DispatchJob.LedgerId(request, mail.RecipientId);
            if (!await ClaimAsync(request, mail.RecipientId, ledgerId, cancellationToken))
            {
                already++;
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

        return new DispatchResult(sent, already, skipped);
    }

    /// <summary>How long a claim stands before another worker may take the send over (its worker is presumed dead).</summary>
    /// <remarks>Longer than the slowest send: the SendGrid adapter gives up within five attempts of at most a minute each.</remarks>
    public static TimeSpan ClaimLease { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Claims one (report, recipient) send: true to send now, false when it was already sent.</summary>
    /// <exception cref="SendInProgressException">Another worker holds a live claim; the request is retried later.</exception>
    private async Task<bool> ClaimAsync(ReportRequest request, string recipientId, string ledgerId, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        var claim = new Document<SendRecord>(request.SchoolId, DocumentTypes.Sent, ledgerId, new SendRecord(request.ReportId, recipientId, now, "", "") { Status = SendStatus.Claimed });
        var existing = await context.Documents.ReadAsync<SendRecord>(request.SchoolId, DocumentTypes.Sent, ledgerId, cancellationToken);
        if (existing is null)
        {
            return (await context.Documents.CreateIfAbsentAsync(claim, cancellationToken)).Created ? true : throw new SendInProgressException(ledgerId);
        }

        if (existing.Body.Status == SendStatus.Sent)
        {
            return false;
        }

        // A claim older than the lease belongs to a worker that stopped: take it over, one taker only (ETag).
        return now - existing.Body.At >= ClaimLease && (await context.Documents.ReplaceAsync(claim, existing.ETag!, cancellationToken)).Replaced
            ? true
            : throw new SendInProgressException(ledgerId);
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

        var snapshot = request.Kind is ReportKind.AttendanceDigest or ReportKind.ImportErrors or ReportKind.AttendanceLetter ? null
            : (Progress.Snapshots.TermSnapshot?)await CachedAsync($"snapshot/{request.SchoolId}/{request.Source}", async () => await SnapshotStore.LoadAsync(context, request.SchoolId, request.Source, cancellationToken))
              ?? throw new InvalidOperationException($"snapshot {request.Source} of school {request.SchoolId} is not stored");
        var alerts = request.Kind == ReportKind.AttendanceDigest
            ? await DocumentAsync<AlertDay>(request, DocumentTypes.AlertDay, cancellationToken) ?? throw new InvalidOperationException($"no alerts stored for {request.Source}")
            : null;
        var letter = request.Kind == ReportKind.AttendanceLetter
            ? await DocumentAsync<Alerts.LetterDue>(request, DocumentTypes.Letter, cancellationToken) ?? throw new InvalidOperationException($"no letter {request.Source} is stored")
            : null;
        var file = request.Kind == ReportKind.ImportErrors ? await ReadBlobAsync(request.Source, cancellationToken) : null;
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

/// <summary>Another worker is sending this report to this recipient now; retry the request later.</summary>
public sealed class SendInProgressException : Exception
{
    public SendInProgressException(string ledgerId)
        : base($"{ledgerId} is being sent by another worker; retry later")
    {
    }

    public SendInProgressException()
    {
    }

    public SendInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
