using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>Each school morning, queues one <see cref="SchoolJobMessage"/> per school and job, so a trust of
/// 100 schools fans out over the instances that <see cref="RunSchoolJob"/> scales to.</summary>
public sealed class ScheduleSchoolJobs(JobContext jobs, ILogger<ScheduleSchoolJobs> logger)
{
    [Function(nameof(ScheduleSchoolJobs))]
    [QueueOutput(JobResources.SchoolJobsQueue, Connection = "AzureWebJobsStorage")]
    public async Task<string[]> RunAsync([TimerTrigger("%SchoolJobsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        // Schedules are UTC; "today" for a school is the date in England.
        var asOf = SchoolClock.Today(jobs.Clock);
        if (timer.IsPastDue)
        {
            // Missed (host down or scaled in late): catch up now for today. The attendance check and the due-snapshot
            // run are idempotent, so a run that partly happened before is completed, not repeated.
            logger.LogWarning("School jobs for {AsOf} are past due; running them now", asOf);
        }

        var messages = await SchoolJobs.PlanAsync(jobs, asOf, cancellationToken);
        logger.LogInformation("Queued {Count} school jobs for {AsOf}", messages.Count, asOf);
        return [.. messages.Select(QueueMessages.Write)];
    }
}
