using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;
using StorageQueueMessage = Azure.Storage.Queues.Models.QueueMessage;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>Runs one school's attendance check or due snapshots (<c>school-jobs</c> queue).</summary>
/// <remarks>A failure is thrown: the host retries it up to maxDequeueCount (host.json) times, then moves it to
/// <c>school-jobs-poison</c>. Both jobs are idempotent, so a retry after a partial run is safe.</remarks>
public sealed class RunSchoolJob(JobContext jobs, ILogger<RunSchoolJob> logger)
{
    [Function(nameof(RunSchoolJob))]
    public async Task RunAsync(
        [QueueTrigger(JobResources.SchoolJobsQueue, Connection = "AzureWebJobsStorage")] StorageQueueMessage queued,
        CancellationToken cancellationToken)
    {
        var message = await TriggeredMessages.ReadOrPoisonAsync<SchoolJobMessage>(
            jobs.Queue, JobResources.SchoolJobsQueue, queued.MessageId, queued.DequeueCount, queued.MessageText, cancellationToken);
        if (message is null)
        {
            logger.LogError("Malformed message {MessageId} moved to the poison queue", queued.MessageId);
            return;
        }

        await SchoolJobs.RunAsync(jobs, message, cancellationToken);
        logger.LogInformation("{Job} for school {SchoolId} as of {AsOf} done", message.Job, message.SchoolId, message.AsOf);
    }
}
