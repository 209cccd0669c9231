using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

/// <summary>An export that arrived at <c>mis-exports/{schoolId}/{name}</c>: ingested where it lies, or moved aside when it cannot be.</summary>
/// <remarks>
/// The same path for the Function App's blob trigger and for run-due on one machine. An export that cannot be read,
/// or that is not the school's, is moved to <c>mis-exports-rejected/{schoolId}/{name}</c> beside its reason file, and
/// the data managers are told (by <see cref="IngestJob"/>): it is reported once and never read again. A stored export
/// stays where it is; its receipt makes the next look at it a no-op.
/// </remarks>
public sealed class ExportIntake(IBlobStore blobs, IngestJob ingest, ILogger<ExportIntake> logger)
{
    /// <summary>The school an export's path names: its first folder, <c>mis-exports/{schoolId}/…</c>.</summary>
    public static string SchoolOf(BlobPath path) => path.Name.Split('/', 2)[0];

    public async Task<IngestResult> RunAsync(BlobPath path, CancellationToken cancellationToken)
    {
        if (path.Container != JobResources.ExportsContainer || path.Name.Split('/', 2) is not [var schoolId, var name])
        {
            return new IngestResult(IngestOutcome.Unreadable, $"{path} is not under {JobResources.ExportsContainer}/{{schoolId}}/: left alone");
        }

        await using var content = await blobs.OpenReadAsync(path, cancellationToken);
        if (content is null)
        {
            return new IngestResult(IngestOutcome.Unreadable, $"{path} is no longer there");
        }

        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        var result = await ingest.RunAsync(schoolId, name, new MemoryStream(copy.GetBuffer(), 0, (int)copy.Length, writable: false), cancellationToken);
        if (result.Outcome == IngestOutcome.Unreadable && Schools.RecordId.IsValid(schoolId))
        {
            await blobs.PutAsync(BlobPath.Parse($"{JobResources.RejectedContainer}/{schoolId}/{name}"), new MemoryStream(copy.ToArray(), writable: false), "application/octet-stream", cancellationToken: cancellationToken);
            await blobs.DeleteAsync(path, cancellationToken);
            logger.LogWarning("An export for school {SchoolId} could not be imported and was moved to {Container}", schoolId, JobResources.RejectedContainer);
            return result with { Message = $"{result.Message} (moved to {JobResources.RejectedContainer}/{schoolId}/{name})" };
        }

        return result;
    }
}
