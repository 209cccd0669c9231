using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Releasing batches: by staff, or by themselves once their review period is over.</summary>
public sealed partial class BatchJob
{
    /// <summary>Releases a batch: queues each of its messages not yet sent. A stale batch needs <paramref name="includeStale"/>.</summary>
    public Task<BatchActionResult> ReleaseAsync(string schoolId, string batchId, bool includeStale, CancellationToken cancellationToken) =>
        ReleaseAsync(schoolId, batchId, includeStale, includeFewer: false, cancellationToken);

    /// <summary>Releases a batch: queues each of its messages not yet sent. A stale batch needs <paramref name="includeStale"/>;
    /// one that, decided again, reaches far fewer families than the one reviewed (<see cref="BatchRules.ReachesFarFewer"/>)
    /// is held instead unless <paramref name="includeFewer"/>.</summary>
    public async Task<BatchActionResult> ReleaseAsync(string schoolId, string batchId, bool includeStale, bool includeFewer, CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<Batch>(schoolId, DocumentTypes.Batch, batchId, cancellationToken);
        if (stored is null)
        {
            return NotFound(schoolId, batchId);
        }

        var all = await documents.ListAsync<Batch>(schoolId, DocumentTypes.Batch, cancellationToken).Select(d => d.Body).ToListAsync(cancellationToken);
        if (BatchRules.NewerThan(stored.Body, all) is { } newer && !includeStale)
        {
            return new BatchActionResult(BatchActionOutcome.Stale,
                $"batch {batchId} (data to {stored.Body.DataTo:yyyy-MM-dd}) is older than batch {newer.Id} (data to {newer.DataTo:yyyy-MM-dd}): families would get it after the newer one; to send it anyway, add --include-stale");
        }

        // Read once, before the release is written: a message sent meanwhile is queued again and the ledger keeps it from going twice.
        var unsent = await UnsentAsync(schoolId, batchId, cancellationToken);
        if (stored.Body.State == BatchState.Released && unsent.Count == 0)
        {
            return AlreadyGone(batchId, "release");
        }

        var amendment = await rerouting.AmendAsync(schoolId, stored.Body, unsent, cancellationToken);
        if (amendment is { ChangesNothing: false })
        {
            unsent = await UnsentAsync(schoolId, batchId, cancellationToken);
        }

        var counted = amendment is null ? stored.Body
            : stored.Body with { Messages = amendment.Members.Count, Pupils = amendment.Pupils, NotReached = BatchRules.PupilsReachedByNoOne(amendment.NotReached).Count };
        if (!includeFewer && amendment is not null && BatchRules.ReachesFarFewer(stored.Body.Pupils, amendment.ReachedNow))
        {
            return await HoldFewerAsync(schoolId, stored, amendment.ReachedNow, includeStale, cancellationToken);
        }

        var released = counted with { State = BatchState.Released, ReleasedAt = clock.GetUtcNow(), HeldReason = null, IncludeStale = includeStale && stored.Body.IncludeStale is false ? BatchRules.NewerThan(stored.Body, all) is not null : stored.Body.IncludeStale };
        if (!(await documents.ReplaceAsync(stored with { Body = released }, stored.ETag!, cancellationToken)).Replaced)
        {
            return await ReleaseAsync(schoolId, batchId, includeStale, includeFewer, cancellationToken);
        }

        await outgoing.QueueAsync(schoolId, unsent, cancellationToken);
        var amended = amendment is { ChangesNothing: false } ? $" (decided again on the data imported since it was prepared: {amendment.Describe()})" : "";
        logger.LogInformation("Batch {BatchId} of school {SchoolId} released: {Queued} messages queued{Amended}", batchId, schoolId, unsent.Count, amended);
        return new BatchActionResult(BatchActionOutcome.Done, $"batch {batchId} released: {unsent.Count} messages queued{amended}", unsent.Count);
    }

    /// <remarks>The batch keeps the counts staff reviewed, so that releasing it again compares with those, not with the fewer.</remarks>
    private async Task<BatchActionResult> HoldFewerAsync(string schoolId, Document<Batch> stored, int reachedNow, bool includeStale, CancellationToken cancellationToken)
    {
        var batch = stored.Body;
        var reason = $"decided again on the data imported since it was prepared, it reaches the families of {reachedNow} pupils where the one reviewed reached {batch.Pupils}: "
            + $"check the latest export's contacts ('progress not-sent --school {schoolId} --batch {batch.Id}' lists who is not reached and why), then release it, with --include-fewer to send it as it is";
        if (!(await documents.ReplaceAsync(stored with { Body = batch with { State = BatchState.Held, HeldReason = reason } }, stored.ETag!, cancellationToken)).Replaced)
        {
            return await ReleaseAsync(schoolId, batch.Id, includeStale, includeFewer: false, cancellationToken);
        }

        logger.LogWarning("Batch {BatchId} of school {SchoolId} held: {Reached} pupils reached where the reviewed batch reached {Reviewed}",
            batch.Id, schoolId, reachedNow, batch.Pupils);
        return new BatchActionResult(BatchActionOutcome.HeldFewer, $"batch {batch.Id} held, not released: {reason}");
    }

    /// <summary>Releases every batch whose review period is over on <paramref name="asOf"/>, unless held or stale.</summary>
    public async Task<IReadOnlyList<BatchActionResult>> ReleaseDueAsync(string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var all = await documents.ListAsync<Batch>(schoolId, DocumentTypes.Batch, cancellationToken).Select(d => d.Body).ToListAsync(cancellationToken);
        var results = new List<BatchActionResult>();
        foreach (var batch in all.Where(b => BatchRules.ReleasesItself(b, all, asOf)))
        {
            results.Add(await ReleaseAsync(schoolId, batch.Id, includeStale: false, cancellationToken));
        }

        return results;
    }
}
