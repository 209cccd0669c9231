using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

// Messages that carry what they send (a letter or notice, a file, a batch's preview): only the recipient is checked
// again, and nothing is built but a preview's samples.
internal sealed partial class MessageAssembly
{
    private async Task<PreparedMessage> DocumentAsync(string school, OutgoingMessage message, DocumentPayload payload, CancellationToken cancellationToken)
    {
        if (message.Recipient.Kind == RecipientKind.Contact)
        {
            var directory = await FamilyAsync(school, message.Recipient.Id, payload.PupilIds, cancellationToken);
            var (allowed, refused) = SendCheck.Parent(message.Recipient.Id, payload.PupilIds.Select(id => (id, (string?)null)), directory, needsDateOfBirth: false);
            var moved = Moved(message, directory);
            if (moved is not null || allowed.Count < payload.PupilIds.Count)
            {
                return new PreparedMessage(null, moved is null ? [.. refused.Select(Undelivered.Of)] : [new Undelivered(message.Recipient.Id, payload.PupilIds, moved)]);
            }
        }
        else if (StaffRefusal(message, await StaffAsync(school, cancellationToken)) is { } refusal)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [], refusal)]);
        }

        return new PreparedMessage(new PreparedMail(message.To, [(payload.Document, message.Id)], payload.Email, payload.Folder), []);
    }

    private async Task<PreparedMessage> FileAsync(string school, OutgoingMessage message, FilePayload payload, CancellationToken cancellationToken)
    {
        if (StaffRefusal(message, await StaffAsync(school, cancellationToken)) is { } refusal)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [], refusal)]);
        }

        var fileName = payload.Path[(payload.Path.LastIndexOf('/') + 1)..];
        var email = ReportEmailComposer.ForStaff(new StaffEmailInput(message.School.SchoolName, message.Recipient.DisplayName, payload.Title, payload.Period, fileName) { ToDataManager = true, Lines = payload.Lines });
        return new PreparedMessage(new PreparedMail(message.To, [], email, "") { Files = [await FileOf(payload.Path, fileName, cancellationToken)] }, []);
    }

    private async Task<PreparedMessage> PreviewAsync(string school, OutgoingMessage message, BatchPreviewPayload payload, CancellationToken cancellationToken)
    {
        if (StaffRefusal(message, await StaffAsync(school, cancellationToken)) is { } refusal)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [], refusal)]);
        }

        var documents = new List<(ReportDocument, string)> { (payload.Document, message.ReportId) };
        foreach (var id in payload.SampleIds)
        {
            if (await outgoing.ReadAsync(school, id, cancellationToken) is { } sample && await SampleAsync(school, sample, cancellationToken) is { } document)
            {
                documents.Add((document with { FileName = "sample-" + document.FileName, AttachmentName = null, Password = null }, $"sample/{id}"));
            }
        }

        var csvName = payload.NotReachedCsv[(payload.NotReachedCsv.LastIndexOf('/') + 1)..];
        return new PreparedMessage(new PreparedMail(message.To, documents, payload.Email, payload.Folder) { Files = [await FileOf(payload.NotReachedCsv, csvName, cancellationToken)] }, []);
    }

    /// <summary>A sample of a batch's messages for its preview: the first child's report, or the letter.</summary>
    private async Task<ReportDocument?> SampleAsync(string school, OutgoingMessage sample, CancellationToken cancellationToken)
    {
        if (sample.Payload is DocumentPayload document)
        {
            return document.Document;
        }

        if (sample.Payload is not ParentReportPayload { Children: [var first, ..] } parent)
        {
            return null;
        }

        var directory = await FamilyAsync(school, sample.Recipient.Id, [first.PupilId], cancellationToken);
        var snapshot = await SnapshotAsync(school, parent.SnapshotId, cancellationToken);
        return directory.Pupil(first.PupilId) is null ? null : ParentReportOf(sample, snapshot, first.PupilId, directory, protect: false, distinguish: null);
    }
}
