using System.Globalization;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>One export being (or having been) imported, named for people.</summary>
public sealed record ImportRef(string Sha256, string Name);

/// <summary>The stored state of a school's import lock: who holds it, what is being written, what stopped part way.</summary>
/// <remarks>
/// <see cref="Generation"/> counts completed imports; a reader that sees it change while it loads has read a mixture
/// and loads again. <see cref="Incomplete"/> lists imports whose writes stopped part way (only possible where the store
/// cannot commit atomically, or when a process died while writing): the school's data is not to be read until each is
/// imported again.
/// </remarks>
public sealed record ImportLockState(string? Holder, DateTimeOffset HeldUntil, ImportRef? Writing, IReadOnlyList<ImportRef> Incomplete, long Generation)
{
    public static ImportLockState Free { get; } = new(null, DateTimeOffset.MinValue, null, [], 0);

    public bool IsHeld(DateTimeOffset now) => Holder is not null && HeldUntil > now;
}

/// <summary>A school's import lock, held: at most one import of a school writes at a time, on every store.</summary>
/// <remarks>
/// The lock is a document in the school's partition, taken with create-if-absent or an ETag-checked replace, so it
/// works the same on SQLite and Cosmos DB and across processes and Function App instances. A second import of the
/// same school waits for the first and then merges its export into what the first stored. A lock whose holder stopped
/// is taken over after <see cref="Lease"/>; if that holder was writing, its export is recorded as incomplete. The
/// release is written as the last document of the import's commit, so on the embedded store the data and the release
/// are one transaction.
/// </remarks>
public sealed class ImportLock
{
    public const string Id = "import";

    /// <summary>Longer than any one school's import takes; a holder that has not released by then is presumed dead.</summary>
    public static TimeSpan Lease { get; } = TimeSpan.FromMinutes(15);

    private readonly IDocumentStore _documents;
    private readonly string _schoolId;
    private Document<ImportLockState> _held;

    private ImportLock(IDocumentStore documents, string schoolId, Document<ImportLockState> held)
    {
        (_documents, _schoolId, _held) = (documents, schoolId, held);
    }

    /// <summary>The lock's state as stored (free when never taken).</summary>
    public static async Task<ImportLockState> ReadAsync(IDocumentStore documents, string schoolId, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<ImportLockState>(schoolId, DocumentTypes.ImportLock, Id, cancellationToken))?.Body ?? ImportLockState.Free;

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for another import of the school to finish.</summary>
    /// <exception cref="SchoolBusyException">Another import still holds it after the wait.</exception>
    public static async Task<ImportLock> AcquireAsync(IDocumentStore documents, TimeProvider clock, string schoolId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var giveUpAt = clock.GetUtcNow() + wait;
        while (true)
        {
            var (held, state) = await TryAcquireAsync(documents, clock, schoolId, cancellationToken);
            if (held is not null)
            {
                return held;
            }

            if (clock.GetUtcNow() >= giveUpAt)
            {
                throw SchoolBusyException.Importing(schoolId, state, clock.GetUtcNow());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
        }
    }

    private static async Task<(ImportLock? Held, ImportLockState State)> TryAcquireAsync(IDocumentStore documents, TimeProvider clock, string schoolId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var holder = Guid.NewGuid().ToString("N");
        var existing = await documents.ReadAsync<ImportLockState>(schoolId, DocumentTypes.ImportLock, Id, cancellationToken);
        if (existing is null)
        {
            var fresh = new Document<ImportLockState>(schoolId, DocumentTypes.ImportLock, Id, ImportLockState.Free with { Holder = holder, HeldUntil = now + Lease });
            var created = await documents.CreateIfAbsentAsync(fresh, cancellationToken);
            return created.Created ? (new ImportLock(documents, schoolId, fresh with { ETag = created.ETag }), fresh.Body) : (null, ImportLockState.Free);
        }

        if (existing.Body.IsHeld(now))
        {
            return (null, existing.Body);
        }

        // Free, or its holder stopped: a holder that stopped while writing left that export incomplete.
        var state = existing.Body with
        {
            Holder = holder,
            HeldUntil = now + Lease,
            Writing = null,
            Incomplete = existing.Body.Writing is { } stopped ? [.. existing.Body.Incomplete.Where(i => i.Sha256 != stopped.Sha256), stopped] : existing.Body.Incomplete,
        };
        var taken = existing with { Body = state };
        var replaced = await documents.ReplaceAsync(taken, existing.ETag!, cancellationToken);
        return replaced.Replaced ? (new ImportLock(documents, schoolId, taken with { ETag = replaced.ETag }), state) : (null, existing.Body);
    }

    /// <summary>Writes <paramref name="writes"/> as one commit, with the lock's release (and the next generation) last.</summary>
    /// <remarks>
    /// The lock first records what is being written, so readers wait and a takeover knows it stopped part way. If the
    /// commit fails part way (<see cref="PartialCommitException"/>) the export is recorded as incomplete; if it fails
    /// before writing anything the lock is simply released. Either way the exception is thrown on.
    /// </remarks>
    public async Task CommitAsync(ImportRef import, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken)
    {
        await ReplaceAsync(_held.Body with { Writing = import }, cancellationToken);
        var done = _held.Body with
        {
            Holder = null,
            HeldUntil = DateTimeOffset.MinValue,
            Writing = null,
            Incomplete = [.. _held.Body.Incomplete.Where(i => i.Sha256 != import.Sha256)],
            Generation = _held.Body.Generation + 1,
        };
        try
        {
            await _documents.CommitAsync(_schoolId, [.. writes, DocumentWrite.Of(DocumentTypes.ImportLock, Id, done)], cancellationToken);
            _held = _held with { Body = done };
        }
        catch (PartialCommitException)
        {
            await ReleaseAsync(incomplete: import, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Lets the lock go without committing (the export was refused, or a commit wrote nothing).</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken) => ReleaseAsync(incomplete: null, cancellationToken);

    private async Task ReleaseAsync(ImportRef? incomplete, CancellationToken cancellationToken)
    {
        if (_held.Body.Holder is null)
        {
            return;
        }

        var incompleteNow = incomplete is null ? _held.Body.Incomplete : [.. _held.Body.Incomplete.Where(i => i.Sha256 != incomplete.Sha256), incomplete];
        await ReplaceAsync(_held.Body with { Holder = null, HeldUntil = DateTimeOffset.MinValue, Writing = null, Incomplete = incompleteNow }, cancellationToken);
    }

    private async Task ReplaceAsync(ImportLockState state, CancellationToken cancellationToken)
    {
        var next = _held with { Body = state };
        var replaced = await _documents.ReplaceAsync(next, _held.ETag!, cancellationToken);
        _held = replaced.Replaced
            ? next with { ETag = replaced.ETag }
            : throw new InvalidOperationException($"the import lock of school {_schoolId} was taken over while held (the import ran past its {Lease.TotalMinutes:0}-minute lease)");
    }
}

/// <summary>The school's data cannot be read consistently now: an import is writing it, or one stopped part way.</summary>
/// <remarks>Retrying later is the remedy: queue-triggered work is retried by the host, and the CLI says so and exits 2.</remarks>
public sealed class SchoolBusyException : Exception
{
    public SchoolBusyException()
    {
    }

    public SchoolBusyException(string message)
        : base(message)
    {
    }

    public SchoolBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static SchoolBusyException Importing(string schoolId, ImportRef? export) =>
        new($"school {schoolId} is being imported now{(export is null ? "" : $" ({export.Name})")}; try again when that import has finished");

    /// <summary>The school's import lock is held: by an import running now, or by one that was stopped, until its lease ends.</summary>
    /// <remarks>
    /// A holder that was killed cannot be told from a slow one, so the lock stays until <see cref="ImportLockState.HeldUntil"/>;
    /// the message says when that is, in England's local time, rounded up to the minute so that "after then" is after it.
    /// The day is named too when it is not today's.
    /// </remarks>
    public static SchoolBusyException Importing(string schoolId, ImportLockState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsHeld(now))
        {
            return Importing(schoolId, state.Writing);
        }

        var until = SchoolClock.LocalAt(state.HeldUntil);
        var minute = until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMinute));
        minute = minute == until ? minute : minute.AddMinutes(1);
        var when = minute.ToString("HH:mm", CultureInfo.InvariantCulture)
            + (DateOnly.FromDateTime(minute) == SchoolClock.DateAt(now) ? "" : minute.ToString(" 'on' yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new($"school {schoolId} is being imported{(state.Writing is { } export ? $" ({export.Name})" : "")}: its import lock is held until {when} (time in England); "
            + $"try again when that import has finished, or, if no import is running (one was stopped), after {when}");
    }

    public static SchoolBusyException Incomplete(string schoolId, ImportRef export) =>
        new($"the import of {export.Name} for school {schoolId} stopped part way; ingest that export again to complete it (nothing is read from the school until then)");
}
