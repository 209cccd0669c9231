using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.FunctionApp.Functions;

/// <summary>An MIS export uploaded to <c>mis-exports/{schoolId}/{name}</c> is parsed, validated and merged.</summary>
/// <remarks>
/// Two triggers run the same ingest. <see cref="RunAsync"/> uses the Event Grid source, the only one Flex Consumption
/// runs (the subscription is infra/app/blob-events.bicep); Event Grid never reaches Azurite, so
/// <see cref="RunPollingAsync"/> scans the container instead for local development and is disabled in Azure by the
/// app setting <c>AzureWebJobs.IngestMisExportPolling.Disabled</c>. Should both ever see an export, the second run
/// changes nothing: the ingest job is idempotent (import receipts), as it is for a re-upload or a redelivery. An
/// export that cannot be read, or is not the school's, is moved to mis-exports-rejected with its reason and reported. An export stored after the day's
/// attendance check re-runs it (<see cref="SchoolJobs.AfterIngestAsync"/>), which adds only what today's new marks show.
/// </remarks>
public sealed class IngestMisExport(ExportIntake intake, SchoolJobs schoolJobs, TimeProvider clock, ILogger<IngestMisExport> logger)
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
        // The trigger's stream is not used: ExportIntake reads the blob itself so that it can move an unreadable one aside.
        await export.DisposeAsync();
        var result = await intake.RunAsync(BlobPath.Parse($"{JobResources.ExportsContainer}/{schoolId}/{name}"), cancellationToken);
        if (result.Outcome == IngestOutcome.Unreadable)
        {
            logger.LogWarning("Export {ExportName} for school {SchoolId} was refused and moved to {Container}; the data managers are told why", name, schoolId, JobResources.RejectedContainer);
        }
        else
        {
            logger.LogInformation("Export {ExportName} for school {SchoolId}: {Outcome}, {Errors} row errors", name, schoolId, result.Outcome, result.Errors);
        }

        if (result.Outcome == IngestOutcome.Stored
            && await schoolJobs.AfterIngestAsync(schoolId, clock.GetUtcNow(), cancellationToken) is not null)
        {
            // The export came after the day's check: the check looks again, for what today's new marks add.
            logger.LogInformation("Attendance check for school {SchoolId} re-run after the export", schoolId);
        }
    }
}
