using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

/// <summary>What handling one request did: sent, found already sent, not sent (each with its reason), and when to try again.</summary>
/// <remarks>
/// <see cref="RetryAfter"/> is set when another worker held a send: the request is queued again to run then.
/// <see cref="Waiting"/>: the message's batch is not released (or is held); releasing it queues the message again.
/// </remarks>
public sealed record DispatchResult(int Sent, int AlreadySent, IReadOnlyList<Undelivered> NotSent, TimeSpan? RetryAfter = null)
{
    public bool Waiting { get; init; }
}

/// <summary>A drain of the report queue: the queue's counts, and how many e-mails went, were refused (each recorded) or wait for their batch.</summary>
public sealed record DispatchDrainResult(int Completed, int Retried, int Poisoned) : DrainResult(Completed, Retried, Poisoned)
{
    public int Sent { get; init; }

    public int NotSent { get; init; }

    public int Waiting { get; init; }

    /// <summary>Requests put back on the queue because an earlier attempt's claim on their send is still within its lease: tried again once it lapses, not lost.</summary>
    public int Deferred { get; init; }
}

/// <summary>Renders and sends the reports of one request, recording each send so a redelivered request sends nothing twice.</summary>
/// <remarks>
/// The guarantee is at-least-once delivery with a narrow duplicate window. For each recipient the ledger entry
/// (report id, recipient id) is claimed (created only if absent) before sending and marked sent right after the
/// provider accepts the message, so two workers handling the same request at once never both send: the second backs
/// off and retries. A crash (or a lost connection) after the provider accepted but before the ledger is marked is the
/// only way a recipient can receive a report twice, when the claim's lease (10 minutes) has run out and the retry
/// sends again: the window is one document write, milliseconds. A crash anywhere else either sends nothing or has
/// already recorded the send. PDFs are stored under <c>reports/{schoolId}/...</c> before sending.
/// </remarks>
public sealed class DispatchJob(IMessageQueue queue, ReportDispatcher dispatcher, IJobProgress progress, ILogger<DispatchJob> logger)
{
    public Task<DispatchResult> HandleAsync(SendRequest request, CancellationToken cancellationToken) =>
        dispatcher.HandleAsync(request, cancellationToken);

    /// <summary>Handles one delivered <c>report-requests</c> message: the queue trigger's and the drain's one path.</summary>
    /// <remarks>
    /// A malformed body is poisoned at once. A send held by another worker's live claim is re-queued as a new message
    /// hidden until the claim expires, and this delivery completes: a crashed worker's report is sent after its lease,
    /// never poisoned. Any other failure is thrown, for the host's retries.
    /// </remarks>
    public async Task<DispatchResult?> HandleQueuedAsync(string messageId, long dequeueCount, string body, CancellationToken cancellationToken)
    {
        var request = await TriggeredMessages.ReadOrPoisonAsync<SendRequest>(queue, JobResources.ReportRequestsQueue, messageId, dequeueCount, body, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var result = await dispatcher.HandleAsync(request, cancellationToken);
        if (result.RetryAfter is { } later)
        {
            await queue.SendLaterAsync(JobResources.ReportRequestsQueue, body, later, cancellationToken);
        }

        return result;
    }

    /// <summary>Drains the report queue, poisoning a request after 5 failed attempts; snapshots and rendered documents are cached across requests.</summary>
    /// <remarks>
    /// A failed request waits <paramref name="retryAfter"/> before its next attempt, so a mail outage is not burnt through
    /// in one drain. Requests are handled one per processor at a time, as the Functions queue trigger handles a batch:
    /// the ledger's claim keeps two handlers of one message from both sending, and the caches load each thing once.
    /// </remarks>
    public async Task<DispatchDrainResult> DrainAsync(int? max, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue, cancellationToken);
        var total = await queue.CountAsync(JobResources.ReportRequestsQueue, cancellationToken);
        var (done, sent, notSent, waiting, deferred, malformed) = (0, 0, 0, 0, 0, 0);
        var drained = await QueueDrain.DrainAsync(queue, JobResources.ReportRequestsQueue, async (message, ct) =>
        {
            if (await HandleQueuedAsync(message.Id, message.DequeueCount, message.Body, ct) is { } result)
            {
                Interlocked.Add(ref sent, result.Sent);
                Interlocked.Add(ref notSent, result.NotSent.Count);
                Interlocked.Add(ref waiting, result.Waiting ? 1 : 0);
                Interlocked.Add(ref deferred, result.RetryAfter is null ? 0 : 1);
            }
            else
            {
                // Malformed: already moved to the poison queue, and counted as poisoned like any other.
                Interlocked.Increment(ref malformed);
            }

            progress.Report("sending reports", Interlocked.Increment(ref done), Math.Max(total, done));
        }, new DrainOptions { BatchSize = 16, MaxMessages = max, RetryAfter = retryAfter, Concurrency = Environment.ProcessorCount }, cancellationToken);
        var result = new DispatchDrainResult(drained.Completed - malformed, drained.Retried, drained.Poisoned + malformed) { Sent = sent, NotSent = notSent, Waiting = waiting, Deferred = deferred, LastError = drained.LastError };
        logger.LogInformation("Report queue drained: {Completed} requests done, {Sent} e-mails sent, {NotSent} not sent (recorded), {Waiting} waiting for their batch, {Deferred} deferred to an earlier attempt's lease, {Retried} to retry, {Poisoned} poisoned",
            result.Completed, result.Sent, result.NotSent, result.Waiting, result.Deferred, result.Retried, result.Poisoned);
        if (result.LastError is { } error)
        {
            logger.LogWarning("A report request failed and waits for another attempt: {Error}", error);
        }
        return result;
    }

    /// <summary>The ledger's document id for one (report, recipient): different pairs never share one.</summary>
    /// <remarks>
    /// The characters a document id may not hold (<c>/ \ ? #</c>, control characters) and <c>%</c> itself are written
    /// as <c>%XX</c>, so the mapping is one to one; an id too long for a document is shortened by
    /// <see cref="DocumentId"/>.
    /// </remarks>
    public static string LedgerId(string reportId, string recipientId) => DocumentId($"{reportId}.{recipientId}");

    /// <summary>A document id for any text, one to one: escaped as <see cref="LedgerId"/> says; past 190 characters, a prefix and a SHA-256.</summary>
    public static string DocumentId(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c is '/' or '\\' or '?' or '#' or '%' || char.IsControl(c)
                ? escaped.Append(CultureInfo.InvariantCulture, $"%{(int)c:X2}")
                : escaped.Append(c);
        }

        var id = escaped.ToString();
        return id.Length <= DocumentKey.MaxIdLength ? id : id[..150] + "~" + Hash(text, 32);
    }

    /// <summary>The outbox file name and provider key of a message: readable, and unique per ledger id by construction.</summary>
    /// <remarks>
    /// A readable slug of the ledger id (letters, digits, <c>-_.</c>; at most 80 characters) and 16 hex digits of its
    /// SHA-256: ids that slug alike (<c>C 100</c> and <c>C-100</c>) or differ only in case still get different names,
    /// on every file system.
    /// </remarks>
    public static string MessageKey(string ledgerId)
    {
        var slug = new string([.. ledgerId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Trim('.');
        return (slug.Length <= 80 ? slug : slug[..80]) + "-" + Hash(ledgerId, 16);
    }

    private static string Hash(string text, int hexDigits) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..hexDigits];
}
