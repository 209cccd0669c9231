using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;
using StorageQueueMessage = Azure.Storage.Queues.Models.QueueMessage;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>Renders one report and e-mails it to one recipient (<c>report-requests</c> queue).</summary>
/// <remarks>Exactly once per recipient and report even on redelivery: the dispatch job checks its send ledger.</remarks>
public sealed class DispatchReport(DispatchJob dispatch, ILogger<DispatchReport> logger)
{
    [Function(nameof(DispatchReport))]
    public async Task RunAsync(
        [QueueTrigger(JobResources.ReportRequestsQueue, Connection = "AzureWebJobsStorage")] StorageQueueMessage queued,
        CancellationToken cancellationToken)
    {
        var result = await dispatch.HandleQueuedAsync(queued.MessageId, queued.DequeueCount, queued.MessageText, cancellationToken);
        if (result is null)
        {
            logger.LogError("Malformed message {MessageId} moved to the poison queue", queued.MessageId);
            return;
        }

        // Counts only: recipient and pupil ids stay in the send ledger and the not-sent records.
        logger.LogInformation("Message {MessageId}: {Sent} sent, {AlreadySent} already sent, {NotSent} not sent (recorded), retry in {RetryAfter}",
            queued.MessageId, result.Sent, result.AlreadySent, result.NotSent.Count, result.RetryAfter);
    }
}
