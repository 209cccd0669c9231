using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;
using StorageQueueMessage = Azure.Storage.Queues.Models.QueueMessage;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>Renders one report and e-mails it to one recipient (<c>report-requests</c> queue).</summary>
/// <remarks>Exactly once per recipient and report even on redelivery: the dispatch job checks its send ledger.</remarks>
public sealed class DispatchReport(JobContext jobs, ReportDispatcher dispatcher, ILogger<DispatchReport> logger)
{
    [Function(nameof(DispatchReport))]
    public async Task RunAsync(
        [QueueTrigger(JobResources.ReportRequestsQueue, Connection = "AzureWebJobsStorage")] StorageQueueMessage queued,
        CancellationToken cancellationToken)
    {
        var request = await TriggeredMessages.ReadOrPoisonAsync<ReportRequest>(
            jobs.Queue, JobResources.ReportRequestsQueue, queued.MessageId, queued.DequeueCount, queued.MessageText, cancellationToken);
        if (request is null)
        {
            logger.LogError("Malformed message {MessageId} moved to the poison queue", queued.MessageId);
            return;
        }

        // Recipient ids are pseudonymous (contact or staff ids), never addresses.
        await dispatcher.HandleAsync(request, cancellationToken);
        logger.LogInformation("Report {ReportId} for school {SchoolId} handled for recipient {RecipientId}", request.ReportId, request.SchoolId, request.RecipientId);
    }
}
