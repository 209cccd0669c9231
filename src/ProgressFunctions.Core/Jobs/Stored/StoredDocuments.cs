using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs.Stored;

/// <summary>The document types a school's partition holds, and the registry of schools.</summary>
public static class DocumentTypes
{
    /// <summary>The partition listing every school the store knows (one document per school).</summary>
    public const string RegistryPartition = "registry";
    public const string School = "school";
    public const string Profile = "profile";
    public const string Pupil = "pupil";
    public const string Contact = "contact";
    public const string Staff = "staff";
    public const string Attendance = "attendance";
    public const string Progress = "progress";
    public const string ImportReceipt = "import";
    public const string AlertState = "alert-state";
    public const string AlertDay = "alerts";
    public const string CheckRun = "check";
    public const string Snapshot = "snapshot";
    public const string Sent = "sent";
    public const string Letter = "letter";
    public const string ImportLock = "import-lock";
    public const string NotSent = "not-sent";
    public const string Outgoing = "outgoing";
    public const string Batch = "batch";
    public const string BatchMembers = "batch-members";
    public const string BatchNotReached = "batch-not-reached";
    public const string Caseloads = "caseloads";
    public const string LateReasons = "late-reasons";
    public const string WeekRun = "week";
    public const string SharedAddresses = "shared-addresses";
}

/// <summary>A school in the registry.</summary>
public sealed record SchoolEntry(string SchoolId, string Name);

/// <summary>The school's <c>school.json</c> as last imported, kept verbatim and re-read with the current rules.</summary>
public sealed record StoredProfile(string SchoolJson, DateTimeOffset ImportedAt);

/// <summary>A pupil and their links to contacts.</summary>
public sealed record PupilRecord(Pupil Pupil, IReadOnlyList<ContactLink> Links);

/// <summary>Staff and their roles, replaced by each export that carries them.</summary>
public sealed record StaffDirectory(IReadOnlyList<StaffMember> Staff, IReadOnlyList<StaffRole> Roles);

/// <summary>A pupil's targets, results, behaviour, homework and interventions.</summary>
/// <remarks><see cref="Interventions"/> is null in documents stored before interventions were kept (none known).</remarks>
public sealed record PupilProgress(
    string PupilId,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<AssessmentResult> Results,
    IReadOnlyList<BehaviourEvent> Behaviour,
    IReadOnlyList<HomeworkRecord> Homework)
{
    public IReadOnlyList<Interventions.Intervention>? Interventions { get; init; }
}

/// <summary>The interventions of a stored <see cref="PupilProgress"/> document, read without its results, targets, behaviour and homework.</summary>
/// <remarks>The same document as <see cref="PupilProgress"/>, read as this shape: the reader skips the other lists unmaterialised.</remarks>
public sealed record PupilInterventions(string PupilId)
{
    public IReadOnlyList<Interventions.Intervention>? Interventions { get; init; }
}

/// <summary>Each contact whose e-mail address a contact of another family also has, with that contact's id, as the last import left the school.</summary>
/// <remarks>
/// Worked out over every stored contact at import (<see cref="Reports.Routing.SharedAddresses"/>), so that the check
/// before a parent's e-mail leaves, which reads only that family's documents, still sees the other families. Absent in
/// a store no import has written since it was introduced: sending then relies on the check made when the batch was decided.
/// </remarks>
public sealed record SharedAddressList(IReadOnlyDictionary<string, string> SharedWith);

/// <summary>Every progress mentor's mentees, replaced by each export that carries caseloads.csv.</summary>
public sealed record CaseloadList(IReadOnlyList<Mentee> Mentees);

/// <summary>One pupil's marks for one academic year, by date, each with the export that wrote it.</summary>
/// <remarks>
/// Each day is <c>"yyyy-MM-dd AM PM amStamp pmStamp"</c>: the two marks (<c>-</c> when empty) and, for each, an
/// index into <see cref="Stamps"/>, the times of the exports that wrote them. Dates, not session numbers, so a later change to the school's term
/// dates cannot move a mark to another day. <see cref="MinutesLate"/> holds <c>"yyyy-MM-dd AM 12"</c> for each late
/// session the export gave minutes for; it is a separate, optional list so that documents written before it existed
/// still load (no minutes known) and a reader that predates it still reads the marks.
/// </remarks>
public sealed record AttendanceYear(string PupilId, int Year, IReadOnlyList<DateTimeOffset> Stamps, IReadOnlyList<string> Days)
{
    public IReadOnlyList<string>? MinutesLate { get; init; }
}

/// <summary>Proof an export was stored, keyed by the SHA-256 of its bytes, so a re-upload is a no-op.</summary>
public sealed record ImportReceipt(string Name, string Sha256, DateTimeOffset ImportedAt, IReadOnlyDictionary<string, long> RecordsRead, int Errors, int Warnings);

public enum SendStatus
{
    /// <summary>A worker has claimed the send and is sending now; <see cref="SendRecord.At"/> is when it claimed.</summary>
    Claimed,
    /// <summary>The provider accepted the message; <see cref="SendRecord.At"/> is when.</summary>
    Sent,
}

/// <summary>One (report, recipient) send: claimed before sending, marked sent once the provider accepted it.</summary>
public sealed record SendRecord(string ReportId, string RecipientId, DateTimeOffset At, string Provider, string ProviderMessageId)
{
    public SendStatus Status { get; init; } = SendStatus.Sent;
}

/// <summary>A message that was not sent to a recipient (or a pupil's report left out of it), and why.</summary>
public sealed record UndeliveredRecord(string ReportId, Jobs.ReportKind Kind, string RecipientId, IReadOnlyList<string> PupilIds, string Reason, DateTimeOffset At)
{
    /// <summary>The batch the message belonged to, if it was a parent-facing one.</summary>
    public string? BatchId { get; init; }

    /// <summary>The school day whose check decided the message (<c>progress not-sent --date</c>); null for other messages and in records written before it was kept.</summary>
    public DateOnly? Day { get; init; }
}

/// <summary>The ids of a batch's messages, kept with it so releasing a batch never lists every message of the school.</summary>
public sealed record BatchMembers(IReadOnlyList<string> OutgoingIds);

/// <summary>The pupils a batch's decision could not reach, each with the reason (the preview's and <c>progress not-sent</c>'s list).</summary>
public sealed record BatchNotReached(IReadOnlyList<Reports.Routing.NotSent> NotSent);
