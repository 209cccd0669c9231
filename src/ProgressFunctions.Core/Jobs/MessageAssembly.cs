using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The e-mail a decided message becomes: its documents (each with the key it is rendered once under), text, folder and files.</summary>
public sealed record PreparedMail(EmailAddress To, IReadOnlyList<(ReportDocument Document, string Key)> Documents, ComposedEmail Email, string Folder)
{
    public IReadOnlyList<EmailAttachment> Files { get; init; } = [];

    /// <summary>The spreadsheet beside a subject or year-group report (rendered once, under <see cref="WorkbookKey"/>).</summary>
    public ProgressWorkbook? Workbook { get; init; }

    public string WorkbookKey { get; init; } = "";
}

/// <summary>What a message comes to at send time: the mail (null when nothing may go) and what was refused, with why.</summary>
public sealed record PreparedMessage(PreparedMail? Mail, IReadOnlyList<Undelivered> Refused);

/// <summary>Checks a decided message against what is stored now and builds its e-mail; renders nothing and sends nothing.</summary>
/// <remarks>
/// The recipient must still be who the decision named, at the same address; a parent's children and a letter's pupil
/// pass <see cref="SendCheck"/> one by one; staff must still hold a role the report goes to. Each refusal is an
/// <see cref="Undelivered"/> with its reason.
/// </remarks>
internal sealed partial class MessageAssembly(
    IDocumentStore documents, IBlobStore blobs, OutgoingStore outgoing, IWorkbookRenderer? workbooks, LoadCache<TermSnapshot> snapshots, LoadCache<IReadOnlyList<Progress.AssessmentResult>> results)
{
    public async Task<PreparedMessage> PrepareAsync(string school, OutgoingMessage message, CancellationToken cancellationToken) => message.Payload switch
    {
        ParentReportPayload parent => await ParentAsync(school, message, parent, cancellationToken),
        StaffReportPayload staff => await StaffReportAsync(school, message, staff, cancellationToken),
        DocumentPayload document => await DocumentAsync(school, message, document, cancellationToken),
        FilePayload file => await FileAsync(school, message, file, cancellationToken),
        BatchPreviewPayload preview => await PreviewAsync(school, message, preview, cancellationToken),
        _ => throw new InvalidOperationException($"message {message.Id} carries an unknown payload"),
    };

    private Task<TermSnapshot> SnapshotAsync(string school, string snapshotId, CancellationToken cancellationToken) =>
        snapshots.GetAsync(school, snapshotId, async () => await SnapshotStore.LoadAsync(documents, school, snapshotId, cancellationToken)
            ?? throw new InvalidOperationException($"snapshot {snapshotId} of school {school} is not stored"));

    private async Task<EmailAttachment> FileOf(string path, string fileName, CancellationToken cancellationToken)
    {
        await using var stream = await blobs.OpenReadAsync(BlobPath.Parse(path), cancellationToken) ?? throw new InvalidOperationException($"{path} is missing");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return EmailAttachment.Shared(fileName, fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "text/plain", buffer.ToArray());
    }
}
