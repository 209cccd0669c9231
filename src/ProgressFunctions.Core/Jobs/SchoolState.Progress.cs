using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

// The progress documents a state loaded for the check does not hold: the guard for the jobs that need them all, and
// reading them afterwards under the import lock the state was loaded under.
public sealed partial record SchoolState
{
    /// <summary>Throws unless every pupil's progress document was loaded: for the jobs that read all of them.</summary>
    public void RequireEveryProgress()
    {
        if (Loaded != ProgressLoad.Every)
        {
            throw new InvalidOperationException($"school {SchoolId} was loaded for the attendance check, without its progress documents");
        }
    }

    /// <summary>This state with the stored progress documents of <paramref name="pupilIds"/>, read now, as its <see cref="Progress"/>.</summary>
    /// <remarks>
    /// For a state loaded without them (<see cref="ProgressLoad.InterventionsOnly"/>). The import lock is read again
    /// after: if an import wrote since the state was loaded, what was read could mix two exports, so the caller is told
    /// the school is busy, as a load that met the import would have been.
    /// </remarks>
    /// <exception cref="SchoolBusyException">An import wrote the school since it was loaded.</exception>
    public async Task<SchoolState> WithProgressOfAsync(IDocumentStore documents, IEnumerable<string> pupilIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, PupilProgress>(StringComparer.Ordinal);
        foreach (var id in pupilIds.Distinct(StringComparer.Ordinal))
        {
            if (await documents.ReadAsync<PupilProgress>(SchoolId, DocumentTypes.Progress, id, cancellationToken) is { } document)
            {
                result[id] = document.Body;
            }
        }

        var (unchanged, now) = await LockSinceLoadAsync(documents, cancellationToken);
        return unchanged ? this with { Progress = result } : throw SchoolBusyException.Importing(SchoolId, now?.Writing);
    }

    /// <summary>This state with every pupil's progress document, read now; null when an import wrote the school since it was loaded.</summary>
    /// <remarks>
    /// Everything else a whole load reads, a light one has read too, so only the progress documents are read. The
    /// import lock is read again after, as in <see cref="WithProgressOfAsync"/>: a changed lock means what was read
    /// could mix two exports, and the caller loads afresh.
    /// </remarks>
    public async Task<SchoolState?> WithEveryProgressAsync(IDocumentStore documents, CancellationToken cancellationToken)
    {
        if (Loaded == ProgressLoad.Every)
        {
            return this;
        }

        var progress = await ToDictionary(documents.ListAsync<PupilProgress>(SchoolId, DocumentTypes.Progress, cancellationToken), p => p.PupilId);
        return (await LockSinceLoadAsync(documents, cancellationToken)).Unchanged ? this with { Progress = progress, InterventionsByPupil = null } : null;
    }

    /// <summary>The import lock now, and whether it is still the one this state was loaded under: no import has written since.</summary>
    private async Task<(bool Unchanged, ImportLockState? Now)> LockSinceLoadAsync(IDocumentStore documents, CancellationToken cancellationToken)
    {
        var now = await documents.ReadAsync<ImportLockState>(SchoolId, DocumentTypes.ImportLock, ImportLock.Id, cancellationToken);
        return (now?.ETag == LoadedUnder, now?.Body);
    }
}
