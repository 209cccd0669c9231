using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Loads schools for the jobs, reusing a load while no import has written the school since.</summary>
/// <remarks>
/// A school's state is written only by an import's commit, and every commit rewrites the school's import lock, whose
/// ETag the store changes on every write. So a state loaded while the lock kept one ETag is the school's state for as
/// long as the lock keeps it: the check and the snapshot job of one school run back to back (by <c>run-due</c>, or by
/// one Function App instance) share one load. The lock is read on every call, so a new import is seen at once, and the
/// busy and incomplete rules of <see cref="SchoolState.LoadAsync"/> hold unchanged. A whole load asked for after a
/// kept light one (the check's, then the snapshot job's) reads only the progress documents the light one left out.
/// Loads are held weakly: a state stays reusable only while the garbage collector has not needed its memory, so
/// keeping it never raises the peak.
/// </remarks>
public sealed class SchoolStates(IDocumentStore documents, TimeProvider clock)
{
    private const int Kept = 4;
    private readonly LinkedList<(string School, string ETag, WeakReference<SchoolState> State)> _recent = new();

    /// <summary>The school with every pupil's progress document.</summary>
    /// <exception cref="SchoolBusyException">An import is writing the school, or one stopped part way; retry later.</exception>
    public Task<SchoolState> LoadAsync(string schoolId, CancellationToken cancellationToken) =>
        LoadAsync(schoolId, ProgressLoad.Every, cancellationToken);

    /// <summary>The school with as much of its progress documents as <paramref name="load"/> asks; a kept load with more serves one that asks less.</summary>
    /// <exception cref="SchoolBusyException">An import is writing the school, or one stopped part way; retry later.</exception>
    public async Task<SchoolState> LoadAsync(string schoolId, ProgressLoad load, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = await SchoolState.ReadImportLockAsync(documents, clock, schoolId, cancellationToken);
            if (before?.ETag is { } etag && Recent(schoolId, etag, load) is { } kept)
            {
                return kept;
            }

            // The check's light load, kept, lacks only the progress documents: reading those alone makes a whole load.
            if (load == ProgressLoad.Every && before?.ETag is { } lightAt && Recent(schoolId, lightAt, ProgressLoad.InterventionsOnly) is { } light
                && await light.WithEveryProgressAsync(documents, cancellationToken) is { } whole)
            {
                Keep(schoolId, lightAt, whole);
                return whole;
            }

            var (state, after) = await SchoolState.LoadIfUnchangedAsync(documents, schoolId, load, before, cancellationToken);
            if (state is not null)
            {
                Keep(schoolId, before?.ETag, state);
                return state;
            }

            if (attempt == 3)
            {
                throw SchoolBusyException.Importing(schoolId, after?.Body.Writing);
            }
        }
    }

    private SchoolState? Recent(string schoolId, string etag, ProgressLoad load)
    {
        lock (_recent)
        {
            foreach (var (school, loadedAt, state) in _recent)
            {
                if (school == schoolId && loadedAt == etag && state.TryGetTarget(out var alive) && (alive.Loaded == ProgressLoad.Every || alive.Loaded == load))
                {
                    return alive;
                }
            }

            return null;
        }
    }

    private void Keep(string schoolId, string? etag, SchoolState state)
    {
        if (etag is null)
        {
            return;
        }

        lock (_recent)
        {
            _recent.AddFirst((schoolId, etag, new WeakReference<SchoolState>(state)));
            while (_recent.Count > Kept)
            {
                _recent.RemoveLast();
            }
        }
    }
}
