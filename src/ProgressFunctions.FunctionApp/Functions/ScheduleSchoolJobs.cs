using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>Every few minutes of the school day (<c>%SchoolJobsSchedule%</c>), queues one <see cref="SchoolJobMessage"/>
/// per job for each school whose registers have just closed, so a trust of 100 schools fans out over the instances that
/// <see cref="RunSchoolJob"/> scales to. Which schools are due is Core's decision (<see cref="SchoolJobs.PlanAsync(DateTimeOffset, CancellationToken)"/>).</summary>
public sealed class ScheduleSchoolJobs(SchoolJobs schoolJobs, TimeProvider clock, ILogger<ScheduleSchoolJobs> logger)
{
    [Function(nameof(ScheduleSchoolJobs))]
    [QueueOutput(JobResources.SchoolJobsQueue, Connection = "AzureWebJobsStorage")]
    public async Task<string[]> RunAsync([TimerTrigger("%SchoolJobsSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (timer.IsPastDue)
        {
            // Missed (host down or scaled in late): the plan looks at the time now, so a school not yet checked today
            // is checked now; the jobs are idempotent, so a run that partly happened before is completed, not repeated.
            logger.LogWarning("School jobs fan-out is past due; planning for {Now}", now);
        }

        var messages = await schoolJobs.PlanAsync(now, cancellationToken);
        logger.LogInformation("Queued {Count} school jobs at {Now}", messages.Count, now);
        return [.. messages.Select(QueueMessages.Write)];
    }
}
