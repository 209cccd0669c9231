using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>An MIS export uploaded to <c>mis-exports/{schoolId}/{name}</c> is parsed, validated and merged.</summary>
/// <remarks>
/// Flex Consumption supports only the Event Grid blob trigger source; the subscription is infra/app/blob-events.bicep.
/// A re-uploaded or redelivered export is harmless: the ingest job is idempotent (import receipts). An export that
/// cannot be read, or is not the school's, is moved to mis-exports-rejected with its reason and reported.
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
        // The trigger's stream is not used: ExportIntake reads the blob itself so that it can move an unreadable one aside.
        await export.DisposeAsync();
        var result = await ExportIntake.RunAsync(jobs, BlobPath.Parse($"{JobResources.ExportsContainer}/{schoolId}/{name}"), cancellationToken);
        if (result.Outcome == IngestOutcome.Unreadable)
        {
            logger.LogWarning("Export {ExportName} for school {SchoolId} was refused and moved to {Container}; the data managers are told why", name, schoolId, JobResources.RejectedContainer);
        }
        else
        {
            logger.LogInformation("Export {ExportName} for school {SchoolId}: {Outcome}, {Errors} row errors", name, schoolId, result.Outcome, result.Errors);
        }
    }
}
