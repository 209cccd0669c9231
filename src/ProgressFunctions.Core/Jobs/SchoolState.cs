using System.Collections.Immutable;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs.Stored;
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
public sealed partial record SchoolState(
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
        var registers = Pupils.Values.ToDictionary(p => p.Pupil.Id, p => new PupilRegister(p.Pupil.Id, calendar)
        {
            CompulsoryFrom = CompulsorySchoolAge.Of(p.Pupil),
        }, StringComparer.Ordinal);
        foreach (var year in Attendance)
        {
            if (registers.TryGetValue(year.PupilId, out var register))
            {
                AttendanceYearCodec.Fill(register, [year]);
            }
        }

        return registers;
    }

    /// <summary>What the checks of an export against the store read (<see cref="StoredChecks"/>): pupils, links, contacts, when the store was last written, the last marked day.</summary>
    public StoredSchool ToStored() => new(
        Pupils.ToDictionary(p => p.Key, p => p.Value.Pupil, StringComparer.Ordinal),
        [.. Pupils.Values.SelectMany(p => p.Links)],
        Contacts,
        Attendance.SelectMany(y => y.Stamps).Append(ProfileStoredAt ?? default).Max() is var latest && latest != default ? latest : null,
        AttendanceYearCodec.LastMarkedDay(Attendance));

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
}
