using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

// Loading the school: guarded by the import lock, so that a load never mixes two exports.
public sealed partial record SchoolState
{
    /// <summary>Loads the school as one consistent whole: never while an import is writing it, nor after one stopped part way.</summary>
    /// <remarks>
    /// The import lock is read before and after loading; if an import wrote in between (its generation moved on, or
    /// it is writing now), the load is repeated, up to three times. Nothing is reused from an earlier load: jobs reuse
    /// loads through the host's <see cref="SchoolStates"/>, whose rules these are.
    /// </remarks>
    /// <exception cref="SchoolBusyException">An import is writing the school, or one stopped part way; retry later.</exception>
    public static Task<SchoolState> LoadAsync(IDocumentStore documents, TimeProvider clock, string schoolId, CancellationToken cancellationToken) =>
        new SchoolStates(documents, clock).LoadAsync(schoolId, cancellationToken);

    /// <summary>The import lock as stored, when it lets the school be read now.</summary>
    /// <exception cref="SchoolBusyException">An import is writing the school, or one stopped part way.</exception>
    internal static async Task<Ports.Document<ImportLockState>?> ReadImportLockAsync(IDocumentStore documents, TimeProvider clock, string schoolId, CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<ImportLockState>(schoolId, DocumentTypes.ImportLock, ImportLock.Id, cancellationToken);
        ThrowIfUnreadable(schoolId, stored?.Body ?? ImportLockState.Free, clock.GetUtcNow());
        return stored;
    }

    /// <summary>The school, or null when an import wrote while it was being loaded (so what was read may be a mixture); and the lock as read after.</summary>
    /// <remarks>Every import's commit rewrites the lock (a new ETag and generation), so an unchanged ETag means nothing the school's state is made of was written.</remarks>
    internal static async Task<(SchoolState? State, Ports.Document<ImportLockState>? After)> LoadIfUnchangedAsync(
        IDocumentStore documents, string schoolId, ProgressLoad load, Ports.Document<ImportLockState>? before, CancellationToken cancellationToken)
    {
        var state = await LoadUnguardedAsync(documents, schoolId, load, cancellationToken);
        var after = await documents.ReadAsync<ImportLockState>(schoolId, DocumentTypes.ImportLock, ImportLock.Id, cancellationToken);
        var (then, now) = (before?.Body ?? ImportLockState.Free, after?.Body ?? ImportLockState.Free);
        var unchanged = after?.ETag == before?.ETag && now.Writing is null && now.Generation == then.Generation;
        return (unchanged ? state with { LoadedUnder = before?.ETag } : null, after);
    }

    private static void ThrowIfUnreadable(string schoolId, ImportLockState import, DateTimeOffset now)
    {
        if (import.Writing is { } writing)
        {
            throw import.IsHeld(now) ? SchoolBusyException.Importing(schoolId, import, now) : SchoolBusyException.Incomplete(schoolId, writing);
        }

        if (import.Incomplete.Count > 0)
        {
            throw SchoolBusyException.Incomplete(schoolId, import.Incomplete[0]);
        }
    }

    /// <summary>Loads without consulting the import lock: for the import itself, which holds it.</summary>
    internal static async Task<SchoolState> LoadUnguardedAsync(IDocumentStore documents, string schoolId, ProgressLoad load, CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<StoredProfile>(schoolId, DocumentTypes.Profile, DocumentTypes.Profile, cancellationToken);
        var profile = stored is null ? null : ParseProfile(stored.Body.SchoolJson);
        var pupils = await ToDictionary(documents.ListAsync<PupilRecord>(schoolId, DocumentTypes.Pupil, cancellationToken), p => p.Pupil.Id);
        var contacts = await ToDictionary(documents.ListAsync<Contact>(schoolId, DocumentTypes.Contact, cancellationToken), c => c.Id);
        var caseloads = (await documents.ReadAsync<CaseloadList>(schoolId, DocumentTypes.Caseloads, DocumentTypes.Caseloads, cancellationToken))?.Body.Mentees ?? [];
        IReadOnlyDictionary<string, PupilInterventions>? interventions = null;
        IReadOnlyDictionary<string, PupilProgress> progress;
        if (load == ProgressLoad.Every)
        {
            progress = await ToDictionary(documents.ListAsync<PupilProgress>(schoolId, DocumentTypes.Progress, cancellationToken), p => p.PupilId);
        }
        else
        {
            progress = new Dictionary<string, PupilProgress>();
            interventions = await ToDictionary(documents.ListAsync<PupilInterventions>(schoolId, DocumentTypes.Progress, cancellationToken), p => p.PupilId);
        }

        var staff = (await documents.ReadAsync<StaffDirectory>(schoolId, DocumentTypes.Staff, DocumentTypes.Staff, cancellationToken))?.Body ?? new StaffDirectory([], []);
        var attendance = new List<AttendanceYear>();
        await foreach (var year in documents.ListAsync<AttendanceYear>(schoolId, DocumentTypes.Attendance, cancellationToken))
        {
            attendance.Add(year.Body);
        }

        var lateReasons = new List<LateReasonYear>();
        await foreach (var reasons in documents.ListAsync<LateReasonYear>(schoolId, DocumentTypes.LateReasons, cancellationToken))
        {
            lateReasons.Add(reasons.Body);
        }

        return new SchoolState(schoolId, profile, pupils, contacts, staff, progress, attendance)
        {
            ProfileStoredAt = stored?.Body.ImportedAt,
            InterventionsByPupil = interventions,
            Caseloads = caseloads,
            LateReasons = lateReasons.GroupBy(r => r.PupilId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<LateReasonYear>)[.. g.OrderBy(r => r.Year)], StringComparer.Ordinal),
        };
    }

    internal static SchoolProfile? ParseProfile(string schoolJson)
    {
        var issues = new List<ImportIssue>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(schoolJson));
        return SchoolJson.Read(stream, BankHolidays.EnglandAndWales, issues);
    }

    private static async Task<IReadOnlyDictionary<string, T>> ToDictionary<T>(IAsyncEnumerable<Ports.Document<T>> documents, Func<T, string> key)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        await foreach (var document in documents)
        {
            result[key(document.Body)] = document.Body;
        }

        return result;
    }
}
