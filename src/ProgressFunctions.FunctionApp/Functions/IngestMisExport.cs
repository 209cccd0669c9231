using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>An MIS export uploaded to <c>mis-exports/{schoolId}/{name}</c> is parsed, validated and merged.</summary>
/// <remarks>
/// Flex Consumption supports only the Event Grid blob trigger source; the subscription is infra/app/blob-events.bicep.
/// A re-uploaded or redelivered export is harmless: the ingest job is idempotent (import receipts). An export stored
/// after the day's attendance check re-runs it (<see cref="SchoolJobs.AfterIngestAsync"/>), which adds only what
/// today's new marks show.
/// </remarks>
public sealed class IngestMisExport(JobContext jobs, ILogger<IngestMisExport> logger)
{
    [Function(nameof(IngestMisExport))]
    public async Task RunAsync(
        [BlobTrigger(JobResources.ExportsContainer + "/{schoolId}/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")]
        Stream export,
        string schoolId,
        string name,
        CancellationToken cancellationToken)
    {
        var result = await IngestJob.RunAsync(jobs, schoolId, name, export, cancellationToken);
        logger.LogInformation("Ingested export {ExportName} for school {SchoolId}", name, schoolId);
        if (result.Outcome == IngestOutcome.Stored
            && await SchoolJobs.AfterIngestAsync(jobs, schoolId, jobs.Clock.GetUtcNow(), cancellationToken) is not null)
        {
            // The export came after the day's check: the check looks again, for what today's new marks add.
            logger.LogInformation("Attendance check for school {SchoolId} re-run after the export", schoolId);
        }
    }
}
