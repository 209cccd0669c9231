using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using StorageQueueMessage = Azure.Storage.Queues.Models.QueueMessage;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>Runs one school's attendance check or due snapshots (<c>school-jobs</c> queue).</summary>
/// <remarks>A failure is thrown: the host retries it up to maxDequeueCount (host.json) times, then moves it to
/// <c>school-jobs-poison</c>. Both jobs are idempotent, so a retry after a partial run is safe.</remarks>
public sealed class RunSchoolJob(IMessageQueue queue, SchoolJobs schoolJobs, ILogger<RunSchoolJob> logger)
{
    [Function(nameof(RunSchoolJob))]
    public async Task RunAsync(
        [QueueTrigger(JobResources.SchoolJobsQueue, Connection = "AzureWebJobsStorage")] StorageQueueMessage queued,
        CancellationToken cancellationToken)
    {
        var message = await TriggeredMessages.ReadOrPoisonAsync<SchoolJobMessage>(
            queue, JobResources.SchoolJobsQueue, queued.MessageId, queued.DequeueCount, queued.MessageText, cancellationToken);
        if (message is null)
        {
            logger.LogError("Malformed message {MessageId} moved to the poison queue", queued.MessageId);
            return;
        }

        var outcome = await schoolJobs.RunAsync(message, cancellationToken);
        // The outcome line names the school's counts, snapshot and batch ids: no pupil.
        if (outcome.NeedsSomeone)
        {
            logger.LogWarning("{Job} for school {SchoolId} as of {AsOf} needs someone: {Outcome}", message.Job, message.SchoolId, message.AsOf, outcome.Message);
            return;
        }

        logger.LogInformation("{Job} for school {SchoolId} as of {AsOf} done: {Outcome}", message.Job, message.SchoolId, message.AsOf, outcome.Message);
    }
}
