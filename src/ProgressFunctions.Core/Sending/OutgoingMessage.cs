using System.Text.Json.Serialization;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Email;

namespace ProgressFunctions.Core.Sending;

public enum RecipientKind
{
    Contact,
    Staff,
}

/// <summary>Who a message goes to, as decided: the stored id, and the address and name it was decided for.</summary>
/// <remarks>At send, the stored contact or member of staff must still have this address: a changed address is a new decision, never a silent redirect.</remarks>
public sealed record Recipient(string Id, RecipientKind Kind, string Email, string DisplayName);

/// <summary>Why a message exists: the rule or schedule that decided it, and the last day of data it reports on (inclusive).</summary>
public sealed record SendReason(string Rule, DateOnly DataTo);

/// <summary>The school as every message of one decision presents it: name, whom to contact, sender, and its own grade scales.</summary>
/// <remarks><see cref="Scales"/> are the school's own scales (name, grades lowest first), which the charts of parent reports need.</remarks>
public sealed record Letterhead(string SchoolName, string ContactLine, string? Sender = null, string? ReplyTo = null)
{
    public IReadOnlyList<ScaleDefinition> Scales { get; init; } = [];

    /// <summary>The sections of the school's agreed SEN report format, in order; null for the standard report (and in messages decided before it was kept).</summary>
    public IReadOnlyList<Reports.Sen.SenSection>? SenSections { get; init; }
}

/// <summary>A school-defined grade scale, as school.json gives it.</summary>
public sealed record ScaleDefinition(string Name, IReadOnlyList<string> Grades);

/// <summary>What a message carries: a closed set, each holding everything the send needs.</summary>
/// <remarks>
/// Term reports are built at send from the immutable snapshot they name (a snapshot holds every figure, name and
/// weekly rate its reports print); digests, letters and previews are built whole when decided; files go as they are.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "payload")]
[JsonDerivedType(typeof(ParentReportPayload), "parent-report")]
[JsonDerivedType(typeof(StaffReportPayload), "staff-report")]
[JsonDerivedType(typeof(DocumentPayload), "document")]
[JsonDerivedType(typeof(FilePayload), "file")]
[JsonDerivedType(typeof(BatchPreviewPayload), "batch-preview")]
public abstract record OutgoingPayload;

/// <summary>One pupil whose report a parent's message carries, with the UPN the report's figures are about.</summary>
public sealed record ChildRef(string PupilId, string Upn);

/// <summary>Each child's report from one snapshot, in one message to one parent or carer.</summary>
public sealed record ParentReportPayload(string SnapshotId, IReadOnlyList<ChildRef> Children, bool Protected) : OutgoingPayload
{
    /// <summary>Other parents at the recipient's inbox whom the e-mail greets too (<see cref="Reports.Routing.ParentEnvelope.AlsoFor"/>); null when none, and in decisions made before it was kept.</summary>
    public IReadOnlyList<string>? AlsoFor { get; init; }
}

/// <summary>A staff report (year group, subject, SEN, whole school, KS2) from one snapshot; <see cref="Scope"/> is the year or subject.</summary>
public sealed record StaffReportPayload(string SnapshotId, string? Scope) : OutgoingPayload;

/// <summary>A document built when decided (a digest's rows, a letter, a batch preview), with its e-mail and where its PDF is kept.</summary>
/// <remarks><see cref="PupilIds"/> are the pupils a letter is about (checked again at send); empty for staff documents.</remarks>
public sealed record DocumentPayload(ReportDocument Document, ComposedEmail Email, string Folder) : OutgoingPayload
{
    public IReadOnlyList<string> PupilIds { get; init; } = [];

    /// <summary>Files attached beside the document (a preview's not-reached list), by blob path.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}

/// <summary>A file sent as it is (import errors, reports held back), under an e-mail titled <see cref="Title"/>.</summary>
public sealed record FilePayload(string Path, string Title, string Period) : OutgoingPayload
{
    /// <summary>What the file holds, in a few lines for the e-mail's text (an import report's counts per file); none for files stored before.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];
}

/// <summary>The preview of a batch to staff: its summary, the list of families not reached (a CSV blob), and a few of its messages' reports as samples.</summary>
public sealed record BatchPreviewPayload(ReportDocument Document, ComposedEmail Email, string Folder, string NotReachedCsv, IReadOnlyList<string> SampleIds) : OutgoingPayload;

/// <summary>One message to one recipient, decided once by the job that decides to send, and stored before anything is queued.</summary>
/// <remarks>
/// Immutable: its id is the send ledger's (<see cref="DispatchJob.LedgerId"/>), so a retried decision finds it and
/// changes nothing. The queue carries only the school and this id; dispatch loads it, checks again that it may still
/// go (<see cref="Reports.Routing.SendCheck"/>), renders once per distinct document, sends and records the send.
/// <see cref="Routing"/> says why this recipient may receive it (one line per pupil or role). A parent-facing message
/// belongs to a <see cref="BatchId"/> and goes only once its batch is released.
/// </remarks>
public sealed record OutgoingMessage(
    string ReportId,
    ReportKind Kind,
    Recipient Recipient,
    OutgoingPayload Payload,
    SendReason Why,
    IReadOnlyList<string> Routing,
    Letterhead School)
{
    public string? BatchId { get; init; }

    public string Id => DispatchJob.LedgerId(ReportId, Recipient.Id);

    public EmailAddress To => EmailAddress.Create(Recipient.Email, Recipient.DisplayName);
}
