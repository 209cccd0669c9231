using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Loads schools for the jobs, reusing a load while no import has written the school since.</summary>
/// <remarks>
/// A school's state is written only by an import's commit, and every commit rewrites the school's import lock, whose
/// ETag the store changes on every write. So a state loaded while the lock kept one ETag is the school's state for as
/// long as the lock keeps it: the check and the snapshot job of one school (run back to back by <c>run-due</c>, or side
/// by side as two queue messages) share one load, and two loads at once are made once. The lock is read on every call,
/// so a new import is seen at once; the busy and incomplete rules of <see cref="SchoolState.LoadAsync"/> hold unchanged.
/// At most two schools are kept, the oldest dropped first; a state is immutable, so sharing it is safe.
/// </remarks>
public sealed class SchoolStates(IDocumentStore documents, TimeProvider clock)
{
    private readonly LoadCache<SchoolState?> _loaded = new(capacity: 2);

    /// <exception cref="SchoolBusyException">An import is writing the school, or one stopped part way; retry later.</exception>
    public async Task<SchoolState> LoadAsync(string schoolId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await SchoolState.ReadImportLockAsync(documents, clock, schoolId, cancellationToken);
            var state = before?.ETag is { } etag
                ? await _loaded.GetAsync(schoolId, etag, async () => (await SchoolState.LoadIfUnchangedAsync(documents, schoolId, before, CancellationToken.None)).State)
                : (await SchoolState.LoadIfUnchangedAsync(documents, schoolId, before, cancellationToken)).State;
            if (state is not null)
            {
                return state;
            }

            if (attempt == 3)
            {
                throw SchoolBusyException.Importing(schoolId, (await SchoolState.ReadImportLockAsync(documents, clock, schoolId, cancellationToken))?.Body.Writing);
            }
        }
    }
}
