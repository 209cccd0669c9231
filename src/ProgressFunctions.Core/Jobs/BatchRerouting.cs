using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Decides a parent-report batch's messages again from the data stored at release, and writes the amendment down (<see cref="BatchAmendment"/>).</summary>
public sealed class BatchRerouting(IDocumentStore documents, SchoolStates states, OutgoingStore outgoing)
{
    /// <param name="schoolId">The school.</param>
    /// <param name="batch">The batch being released.</param>
    /// <param name="unsent">Its members the ledger does not record as sent.</param>
    /// <param name="cancellationToken">Stops the reads and writes.</param>
    /// <returns>The amendment written, or null for a batch that is not a snapshot's parent reports (or whose snapshot is gone).</returns>
    public async Task<BatchAmendment?> AmendAsync(string schoolId, Batch batch, IReadOnlyCollection<string> unsent, CancellationToken cancellationToken)
    {
        if (batch.Kind != BatchKind.ParentReports
            || await SnapshotStore.LoadAsync(documents, schoolId, batch.Source, cancellationToken) is not { } snapshot)
        {
            return null;
        }

        var state = await states.LoadAsync(schoolId, ProgressLoad.InterventionsOnly, cancellationToken);
        var members = (await documents.ReadAsync<BatchMembers>(schoolId, DocumentTypes.BatchMembers, batch.Id, cancellationToken))?.Body.OutgoingIds ?? [];
        var decided = new List<OutgoingMessage>();
        foreach (var id in members)
        {
            if (await outgoing.ReadAsync(schoolId, id, cancellationToken) is { } message)
            {
                decided.Add(message);
            }
        }

        var (now, notReached) = SnapshotDecisions.Parents(snapshot, batch.Source, state.Directory(), Letterheads.Of(state.Profile!), state.Profile!.Settings.ProtectParentReports, batch.Id);
        var sent = members.Except(unsent, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var amendment = BatchAmendment.Of(decided, sent, now, notReached);
        if (!amendment.ChangesNothing)
        {
            await outgoing.DecideAsync(schoolId, amendment.Changed, cancellationToken);
            await documents.UpsertAsync(new Document<BatchMembers>(schoolId, DocumentTypes.BatchMembers, batch.Id, new BatchMembers(amendment.Members)), cancellationToken);
        }

        await documents.UpsertAsync(new Document<BatchNotReached>(schoolId, DocumentTypes.BatchNotReached, batch.Id, new BatchNotReached(amendment.NotReached)), cancellationToken);
        return amendment;
    }
}
