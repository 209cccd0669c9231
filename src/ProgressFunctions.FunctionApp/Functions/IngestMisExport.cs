using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>An MIS export uploaded to <c>mis-exports/{schoolId}/{name}</c> is parsed, validated and merged.</summary>
/// <remarks>
/// Two triggers run the same ingest. <see cref="RunAsync"/> uses the Event Grid source, the only one Flex Consumption
/// runs (the subscription is infra/app/blob-events.bicep); Event Grid never reaches Azurite, so
/// <see cref="RunPollingAsync"/> scans the container instead for local development and is disabled in Azure by the
/// app setting <c>AzureWebJobs.IngestMisExportPolling.Disabled</c>. Should both ever see an export, the second run
/// changes nothing: the ingest job is idempotent (import receipts), as it is for a re-upload or a redelivery.
/// </remarks>
public sealed class IngestMisExport(JobContext jobs, ILogger<IngestMisExport> logger)
{
    public const string PollingName = nameof(IngestMisExport) + "Polling";

    [Function(nameof(IngestMisExport))]
    public Task RunAsync(
        [BlobTrigger(JobResources.ExportsContainer + "/{schoolId}/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")]
        Stream export,
        string schoolId,
        string name,
        CancellationToken cancellationToken) =>
        IngestAsync(export, schoolId, name, cancellationToken);

    [Function(PollingName)]
    public Task RunPollingAsync(
        [BlobTrigger(JobResources.ExportsContainer + "/{schoolId}/{name}", Connection = "AzureWebJobsStorage")]
        Stream export,
        string schoolId,
        string name,
        CancellationToken cancellationToken) =>
        IngestAsync(export, schoolId, name, cancellationToken);

    private async Task IngestAsync(Stream export, string schoolId, string name, CancellationToken cancellationToken)
    {
        await IngestJob.RunAsync(jobs, schoolId, name, export, cancellationToken);
        logger.LogInformation("Ingested export {ExportName} for school {SchoolId}", name, schoolId);
    }
}
