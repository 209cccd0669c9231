using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

// A parent's report e-mail: each child checked again, each report built from the stored snapshot.
internal sealed partial class MessageAssembly
{
    private async Task<PreparedMessage> ParentAsync(string school, OutgoingMessage message, ParentReportPayload payload, CancellationToken cancellationToken)
    {
        var directory = await FamilyAsync(school, message.Recipient.Id, payload.Children.Select(c => c.PupilId), cancellationToken);
        if (Moved(message, directory) is { } moved)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [.. payload.Children.Select(c => c.PupilId)], moved)]);
        }

        var (checkedIn, refused) = SendCheck.Parent(message.Recipient.Id, payload.Children.Select(c => (c.PupilId, (string?)c.Upn)), directory, payload.Protected);
        var undelivered = refused.Select(Undelivered.Of).ToList();
        var allowed = ParentReport.InFamilyOrder(checkedIn.Select(id => directory.Pupil(id)!)).Select(p => p.Id).ToList();
        if (allowed.Count == 0)
        {
            return new PreparedMessage(null, undelivered);
        }

        var snapshot = await SnapshotAsync(school, payload.SnapshotId, cancellationToken);
        var distinct = ParentReport.Distinctions([.. allowed.Select(id => directory.Pupil(id)!)]);
        var documents = allowed.Select(id => (Document: ParentReportOf(message, snapshot, id, directory, payload.Protected, distinct[id]), Key: $"{payload.SnapshotId}/{id}/{payload.Protected}")).ToList();
        var contact = directory.Contact(message.Recipient.Id)!;
        var children = allowed.Zip(documents, (id, d) => new ChildReport(ParentReport.ChildName(directory.Pupil(id)!, distinct[id]), d.Document.AttachedAs, d.Document.Password is not null)).ToList();
        var greeting = await GreetingAsync(school, contact, payload.AlsoFor, cancellationToken);
        var email = ReportEmailComposer.ForParent(new ParentEmailInput(message.School.SchoolName, greeting, Reports.ReportFormat.PeriodLabel(snapshot.Key), children, message.School.ContactLine) { FiguresTo = snapshot.AsOf });
        return new PreparedMessage(new PreparedMail(message.To, documents, email, ReportDispatcher.TermFolder(snapshot.Key)), undelivered);
    }

    /// <summary>"Ms Smith", or "Ms Smith and Mr Smith" when the other parent at that inbox, whose reports this e-mail carries, still has it (a name the same as one already given is not repeated).</summary>
    private async Task<string> GreetingAsync(string school, Contact contact, IReadOnlyList<string>? alsoFor, CancellationToken cancellationToken)
    {
        var names = new List<string> { contact.DisplayName };
        foreach (var id in alsoFor ?? [])
        {
            if (await documents.ReadAsync<Contact>(school, DocumentTypes.Contact, id, cancellationToken) is { } other
                && Email.EmailAddress.SameInbox(other.Body.Email, contact.Email) && !names.Contains(other.Body.DisplayName, StringComparer.Ordinal))
            {
                names.Add(other.Body.DisplayName);
            }
        }

        return Reports.ReportFormat.Listed(names);
    }

    private static ReportDocument ParentReportOf(OutgoingMessage message, TermSnapshot snapshot, string pupilId, SchoolDirectory directory, bool protect, string? distinguish) =>
        ParentReport.Build(ParentReportInput.For(snapshot, pupilId, message.School.SchoolName, snapshot.AsOf, directory, message.School.ContactLine) with
        {
            Scales = Letterheads.Scales(message.School),
            ProtectWithDateOfBirth = protect,
            Distinguish = distinguish,
        });
}
