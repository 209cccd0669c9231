using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Everything one MIS export held that could be read, plus every problem found while reading it.</summary>
/// <remarks>
/// Records here are the valid ones only: a row with an error is left out and named in <see cref="Issues"/>; a row with a
/// warning is kept. <see cref="RecordsRead"/> counts accepted records per file name. <see cref="Attendance"/> is null
/// when there was no calendar to place marks on.
/// </remarks>
public sealed record SchoolExport
{
    public SchoolProfile? Profile { get; init; }
    public IReadOnlyList<Pupil> Pupils { get; init; } = [];
    public IReadOnlyList<Contact> Contacts { get; init; } = [];
    public IReadOnlyList<ContactLink> ContactLinks { get; init; } = [];
    public IReadOnlyList<StaffMember> Staff { get; init; } = [];
    public IReadOnlyList<StaffRole> StaffRoles { get; init; } = [];
    public AttendanceRegisters? Attendance { get; init; }
    public IReadOnlyList<AttendanceSummary> AttendanceSummaries { get; init; } = [];
    public IReadOnlyList<AssessmentResult> Assessments { get; init; } = [];
    public IReadOnlyList<Target> Targets { get; init; } = [];
    public IReadOnlyList<BehaviourEvent> Behaviour { get; init; } = [];
    public IReadOnlyList<HomeworkRecord> Homework { get; init; } = [];

    /// <summary>The interventions of interventions.csv (empty when the export has none).</summary>
    public IReadOnlyList<Interventions.Intervention> Interventions { get; init; } = [];

    /// <summary>Every mentor's mentees from caseloads.csv; null when the export has no such file (the stored caseloads stand).</summary>
    public IReadOnlyList<Mentee>? Caseloads { get; init; }
    public IReadOnlyList<ImportIssue> Issues { get; init; } = [];

    /// <summary>Every pupil the export lists contacts for (even when each of those rows was refused).</summary>
    /// <remarks>Their links become exactly <see cref="ContactLinks"/>' links for them: a link only an earlier export vouched for is dropped.</remarks>
    public IReadOnlySet<string> PupilsWithContactRows { get; init; } = new HashSet<string>();

    /// <summary>The contacts.csv rows that could not be used as they stand (<see cref="RefusedContactRow"/>): what they name of the store is kept (<see cref="RefusedContacts"/>).</summary>
    public IReadOnlyList<RefusedContactRow> RefusedContactRows { get; init; } = [];

    /// <summary>Where each pupil's record is in the export (<c>pupils.csv:7</c>), for errors found when it is merged.</summary>
    public IReadOnlyDictionary<string, RowRef> PupilRows { get; init; } = new Dictionary<string, RowRef>();

    /// <summary>The first row of each file other than pupils.csv that names each pupil (<see cref="PupilIndex.Mentions"/>); empty for a CTF, where a pupil's data is inside their own record.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PupilMention>> PupilMentions { get; init; } = new Dictionary<string, IReadOnlyList<PupilMention>>();

    /// <summary>UPNs attendance.csv marks on its last marked day that the pupil file does not list (<see cref="PupilIndex.Unlisted"/>).</summary>
    /// <remarks>Any at all and the pupil file is not the whole roll: a file cut short must not take the pupils it lost off roll.</remarks>
    public IReadOnlySet<string> MarkedButUnlisted { get; init; } = new HashSet<string>();
    public IReadOnlyDictionary<string, long> RecordsRead { get; init; } = new Dictionary<string, long>();

    /// <summary>The CSV files of the export that hold a header and no row (<see cref="EmptyFiles"/>); empty for a CTF.</summary>
    public IReadOnlySet<string> FilesWithoutRows { get; init; } = new HashSet<string>();

    /// <summary>Whether the export says each pupil's registration group, admission date and pupil premium.</summary>
    /// <remarks>A CTF does not (it carries a pupil between schools, not their place in this one): a pupil already
    /// stored keeps those values when a CTF lists them, rather than having them blanked.</remarks>
    public bool CarriesRollDetails { get; init; } = true;

    /// <summary>Whether the export says each contact link's restriction (a court order, "no contact").</summary>
    /// <remarks>
    /// A CTF does not, nor a contacts.csv without the Restriction column: a link the store already holds keeps its
    /// restriction rather than have it lifted by an export that cannot say it (<see cref="ContactSafeguards"/>).
    /// </remarks>
    public bool SaysRestrictions { get; init; } = true;

    /// <summary>Whether the export says if each contact receives correspondence (a CTF does not; contacts.csv only with that column).</summary>
    public bool SaysCorrespondence { get; init; } = true;

    /// <summary>The optional columns of pupils.csv and contacts.csv the export's headers lack.</summary>
    /// <remarks>Not empty cells: a record already stored keeps its value for each (<see cref="KeptForAbsentColumns"/>).</remarks>
    public IReadOnlySet<Csv.CsvColumn> AbsentColumns { get; init; } = new HashSet<Csv.CsvColumn>();

    /// <summary>When the MIS produced the export, if the file says (a CTF header's DateTime, or <c>exportedAt</c> in school.json).</summary>
    /// <remarks>This, not the upload time, decides which of two exports is newer; without it the time of ingest stands in.</remarks>
    public DateTimeOffset? ExportedAt { get; init; }

    /// <summary>Whether the export was made before the data already stored (<see cref="OlderExport"/>): then it is not the whole roll, whatever it lists.</summary>
    public bool OlderThanStored { get; init; }

    public int ErrorCount => Issues.Count(i => i.IsError);

    public int WarningCount => Issues.Count(i => !i.IsError);

    public bool HasErrors => Issues.Any(i => i.IsError);
}
