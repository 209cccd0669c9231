using System.Security.Cryptography;
using System.Text;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

public sealed record DispatchResult(int Sent, int AlreadySent, string? Skipped);

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
public static class DispatchJob
{
    public static Task<DispatchResult> HandleAsync(JobContext context, ReportRequest request, CancellationToken cancellationToken) =>
        new ReportDispatcher(context).HandleAsync(request, cancellationToken);

    /// <summary>Drains the report queue, poisoning a request after 5 failed attempts; loaded schools are cached across requests.</summary>
    /// <remarks>A failed request waits <paramref name="retryAfter"/> before its next attempt, so a mail outage is not burnt through in one drain.</remarks>
    public static async Task<DrainResult> DrainAsync(JobContext context, int? max, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var session = new ReportDispatcher(context);
        await context.Queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue, cancellationToken);
        var total = await context.Queue.CountAsync(JobResources.ReportRequestsQueue, cancellationToken);
        var done = 0;
        return await QueueDrain.DrainAsync(context.Queue, JobResources.ReportRequestsQueue, async (message, ct) =>
        {
            // A malformed request goes straight to the poison queue: retrying cannot mend it.
            var request = await TriggeredMessages.ReadOrPoisonAsync<ReportRequest>(context.Queue, JobResources.ReportRequestsQueue, message.Id, message.DequeueCount, message.Body, ct);
            if (request is null)
            {
                return;
            }

            await session.HandleAsync(request, ct);
            context.Progress.Report("sending reports", ++done, Math.Max(total, done));
        }, new DrainOptions { BatchSize = 16, MaxMessages = max, RetryAfter = retryAfter }, cancellationToken);
    }

    /// <summary>The ledger's document id for one (report, recipient); characters document ids may not hold become ':'.</summary>
    public static string LedgerId(ReportRequest request, string recipientId) =>
        string.Concat($"{request.ReportId}.{recipientId}".Select(c => c is '/' or '\\' or '?' or '#' ? ':' : c));

    internal static string MessageKey(string ledgerId)
    {
        var safe = new string([.. ledgerId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Trim('.');
        return safe.Length <= 100 ? safe : safe[..80] + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ledgerId)))[..16];
    }
}
