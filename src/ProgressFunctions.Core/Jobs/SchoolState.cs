using System.Collections.Immutable;
using System.Text;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>How much of a school's progress documents a load reads.</summary>
public enum ProgressLoad
{
    /// <summary>Every pupil's progress document, whole: what imports, snapshots and reports need.</summary>
    Every,

    /// <summary>
    /// Every pupil's interventions and no more: what the daily attendance check uses. Results are most of a progress
    /// document's bytes and of its reading time, and the check reads none of them (its weekly mentor digests read their
    /// mentees' documents themselves, see <see cref="WeeklyJob"/>).
    /// </summary>
    InterventionsOnly,
}

/// <summary>Everything stored about one school, read in one pass: the "read" of every job.</summary>
/// <remarks>
/// <see cref="Progress"/> holds every pupil's progress document when <see cref="Loaded"/> is
/// <see cref="ProgressLoad.Every"/>, and none when loaded for the check; <see cref="InterventionsOf"/> answers for
/// every pupil either way.
/// </remarks>
public sealed record SchoolState(
    string SchoolId,
    SchoolProfile? Profile,
    IReadOnlyDictionary<string, PupilRecord> Pupils,
    IReadOnlyDictionary<string, Contact> Contacts,
    StaffDirectory Staff,
    IReadOnlyDictionary<string, PupilProgress> Progress,
    IReadOnlyList<AttendanceYear> Attendance)
{
    public SchoolCalendar? Calendar => Profile?.Calendar;

    /// <summary>Every progress mentor's mentees, as the last export with caseloads.csv gave them.</summary>
    public IReadOnlyList<Mentee> Caseloads { get; init; } = [];

    /// <summary>What <see cref="Progress"/> holds: every pupil's documents, or none.</summary>
    public ProgressLoad Loaded => InterventionsByPupil is null ? ProgressLoad.Every : ProgressLoad.InterventionsOnly;

    /// <summary>The ETag of the school's import lock when it was loaded (null when loaded without consulting it): any other ETag read later means an import wrote since.</summary>
    public string? LoadedUnder { get; init; }

    /// <summary>When the export whose school.json is stored was made (or imported, when it did not say); null when none is stored.</summary>
    public DateTimeOffset? ProfileStoredAt { get; init; }

    /// <summary>Every pupil's interventions when loaded for the check (<see cref="ProgressLoad.InterventionsOnly"/>); otherwise null and read from <see cref="Progress"/>.</summary>
    private IReadOnlyDictionary<string, PupilInterventions>? InterventionsByPupil { get; init; }

    /// <summary>Each pupil's stored late reasons, by academic year.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LateReasonYear>> LateReasons { get; init; } = new Dictionary<string, IReadOnlyList<LateReasonYear>>();

    /// <summary>Loads the school as one consistent whole: never while an import is writing it, nor after one stopped part way.</summary>
    /// <remarks>
    /// The import lock is read before and after loading; if an import wrote in between (its generation moved on, or
    /// it is writing now), the load is repeated, up to three times. Nothing is reused from an earlier load: jobs reuse
    /// loads through the host's <see cref="SchoolStates"/>, whose rules these are.
    /// </remarks>
    /// <exception cref="SchoolBusyException">An import is writing the school, or one stopped part way; retry later.</exception>
    public static Task<SchoolState> LoadAsync(IDocumentStore documents, TimeProvider clock, string schoolId, CancellationToken cancellationToken) =>
        new SchoolStates(documents, clock).LoadAsync(schoolId, cancellationToken);

    /// <summary>Throws unless every pupil's progress document was loaded: for the jobs that read all of them.</summary>
    public void RequireEveryProgress()
    {
        if (Loaded != ProgressLoad.Every)
        {
            throw new InvalidOperationException($"school {SchoolId} was loaded for the attendance check, without its progress documents");
        }
    }

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

    /// <summary>The reason the MIS gave for a late session, if the stored mark is late and a reason is kept for it.</summary>
    public string? LateReasonFor(string pupilId, DateOnly date, SessionOfDay session) =>
        LateReasons.GetValueOrDefault(pupilId)?.SelectMany(y => y.Reasons).FirstOrDefault(r => r.Date == date && r.Session == session)?.Reason;

    /// <summary>Each pupil's interventions as stored (none for pupils stored before interventions were kept).</summary>
    public IReadOnlyList<Interventions.Intervention> InterventionsOf(string pupilId) =>
        (InterventionsByPupil is null ? Progress.GetValueOrDefault(pupilId)?.Interventions : InterventionsByPupil.GetValueOrDefault(pupilId)?.Interventions) ?? [];


    /// <summary>Pupils on roll on <paramref name="asOf"/>: admitted by then (or with no admission date) and not yet left.</summary>
    public IReadOnlyList<Pupil> OnRoll(DateOnly asOf) => OnRoll(asOf, asOf);

    /// <summary>Pupils on roll on any day from <paramref name="from"/> to <paramref name="to"/>, both inclusive, by id.</summary>
    public IReadOnlyList<Pupil> OnRoll(DateOnly from, DateOnly to) =>
        [.. Pupils.Values.Select(p => p.Pupil)
            .Where(p => p.OnRollDuring(from, to))
            .OrderBy(p => p.Id, StringComparer.Ordinal)];

    public SchoolDirectory Directory() =>
        new(Pupils.Values.Select(p => p.Pupil), Contacts.Values, Pupils.Values.SelectMany(p => p.Links), Staff.Staff, Staff.Roles);

    /// <summary>One register per pupil over the school's calendar, filled from the stored years.</summary>
    public IReadOnlyDictionary<string, PupilRegister> Registers(SchoolCalendar calendar)
    {
        var registers = Pupils.Keys.ToDictionary(id => id, id => new PupilRegister(id, calendar), StringComparer.Ordinal);
        foreach (var year in Attendance)
        {
            if (registers.TryGetValue(year.PupilId, out var register))
            {
                AttendanceYearCodec.Fill(register, [year]);
            }
        }

        return registers;
    }

    /// <summary>What the export merge needs to know about the school.</summary>
    public KnownSchool ToKnown() => new()
    {
        Pupils = Pupils.Values.ToImmutableDictionary(p => p.Pupil.Id, p => p.Pupil, StringComparer.Ordinal),
        Contacts = Contacts.ToImmutableDictionary(StringComparer.Ordinal),
        ContactLinks = [.. Pupils.Values.SelectMany(p => p.Links)],
        Attendance = new KnownMarks(Attendance.GroupBy(y => y.PupilId, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<(DateOnly, SessionOfDay), StampedMark>)g.SelectMany(AttendanceYearCodec.Decode).ToDictionary(m => (m.Date, m.Session), m => m.Mark),
            StringComparer.Ordinal)),
        Assessments = Progress.Values.SelectMany(p => p.Results).ToDictionary(r => (r.PupilId, r.Subject, r.Point)),
    };

    internal static SchoolProfile? ParseProfile(string schoolJson)
    {
        var issues = new List<ImportIssue>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(schoolJson));
        return SchoolJson.Read(stream, BankHolidays.EnglandAndWales, issues);
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
