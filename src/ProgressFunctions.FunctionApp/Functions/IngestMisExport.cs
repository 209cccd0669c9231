using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>An MIS export uploaded to <c>mis-exports/{schoolId}/{name}</c> is parsed, validated and merged.</summary>
/// <remarks>
/// Flex Consumption supports only the Event Grid blob trigger source; the subscription is infra/app/blob-events.bicep.
/// A re-uploaded or redelivered export is harmless: the ingest job is idempotent (import receipts).
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
        await IngestJob.RunAsync(jobs, schoolId, name, export, cancellationToken);
        logger.LogInformation("Ingested export {ExportName} for school {SchoolId}", name, schoolId);
    }
}
