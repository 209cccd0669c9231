using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Schools;
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
internal sealed class MessageAssembly(
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

    private async Task<PreparedMessage> ParentAsync(string school, OutgoingMessage message, ParentReportPayload payload, CancellationToken cancellationToken)
    {
        var directory = await FamilyAsync(school, message.Recipient.Id, payload.Children.Select(c => c.PupilId), cancellationToken);
        if (Moved(message, directory) is { } moved)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [.. payload.Children.Select(c => c.PupilId)], moved)]);
        }

        var (allowed, refused) = SendCheck.Parent(message.Recipient.Id, payload.Children.Select(c => (c.PupilId, (string?)c.Upn)), directory, payload.Protected);
        var undelivered = refused.Select(Undelivered.Of).ToList();
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

    private async Task<PreparedMessage> StaffReportAsync(string school, OutgoingMessage message, StaffReportPayload payload, CancellationToken cancellationToken)
    {
        var staff = await StaffAsync(school, cancellationToken);
        var refusal = StaffRefusal(message, staff) ?? (StaffDocuments.StillCovers(message.Kind, payload.Scope, message.Recipient.Id, staff) ? null
            : $"staff {message.Recipient.Id} no longer holds the role this {message.Kind} report goes to");
        if (refusal is not null)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [], refusal)]);
        }

        var snapshot = await SnapshotAsync(school, payload.SnapshotId, cancellationToken);
        if (StaffDocuments.Build(message.Kind, payload.Scope, snapshot, message.School, snapshot.Directory(StaffMembers(staff))) is not { } document)
        {
            return new PreparedMessage(null, [new Undelivered(message.Recipient.Id, [], $"the snapshot has no {message.Kind} report for {payload.Scope ?? "the school"}")]);
        }

        var workbook = await WorkbookAsync(school, message, payload, snapshot, cancellationToken);
        var email = ReportEmailComposer.ForStaff(new StaffEmailInput(message.School.SchoolName, message.Recipient.DisplayName, document.Title,
            Reports.ReportFormat.PeriodLabel(snapshot.Key), document.FileName)
        {
            WorkbookFileName = workbook?.FileName,
            NamesNoPupil = message.Kind == ReportKind.Governors,
        });
        return new PreparedMessage(new PreparedMail(message.To, [(document, message.ReportId)], email, ReportDispatcher.TermFolder(snapshot.Key))
        {
            Workbook = workbook,
            WorkbookKey = message.ReportId + ".xlsx",
        }, []);
    }

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

    /// <summary>The subject leader's or year leader's workbook: every assessment point of the year up to the snapshot, by group.</summary>
    /// <remarks>
    /// The snapshot holds each subject's latest result; the earlier points come from the school's stored results dated
    /// on or before the snapshot's cut-off, read once per snapshot and kept while its reports are sent.
    /// </remarks>
    private async Task<ProgressWorkbook?> WorkbookAsync(string school, OutgoingMessage message, StaffReportPayload payload, TermSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (workbooks is null || message.Kind is not (ReportKind.Subject or ReportKind.YearGroup) || payload.Scope is not { } scope)
        {
            return null;
        }

        var history = await results.GetAsync(school, payload.SnapshotId, async () =>
            (IReadOnlyList<Progress.AssessmentResult>)await documents.ListAsync<PupilProgress>(school, DocumentTypes.Progress, cancellationToken)
                .SelectMany(p => p.Body.Results.Where(r => r.Date <= snapshot.AsOf).ToAsyncEnumerable()).ToListAsync(cancellationToken));
        var input = new WorkbookInput(message.School.SchoolName, snapshot, snapshot.Directory(), history, Letterheads.Scales(message.School));
        return message.Kind == ReportKind.Subject ? SubjectWorkbook.ForSubject(input, scope)
            : int.TryParse(scope, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) ? SubjectWorkbook.ForYearGroup(input, year) : null;
    }

    /// <summary>The recipient contact and the named pupils as stored now, with the pupils' links and the school's shared addresses: all the parent check reads.</summary>
    private async Task<SchoolDirectory> FamilyAsync(string school, string contactId, IEnumerable<string> pupilIds, CancellationToken cancellationToken)
    {
        var pupils = new List<PupilRecord>();
        foreach (var id in pupilIds.Distinct(StringComparer.Ordinal))
        {
            if (await documents.ReadAsync<PupilRecord>(school, DocumentTypes.Pupil, id, cancellationToken) is { } record)
            {
                pupils.Add(record.Body);
            }
        }

        var contact = await documents.ReadAsync<Contact>(school, DocumentTypes.Contact, contactId, cancellationToken);
        var shared = await documents.ReadAsync<SharedAddressList>(school, DocumentTypes.SharedAddresses, DocumentTypes.SharedAddresses, cancellationToken);
        return new SchoolDirectory(pupils.Select(p => p.Pupil), contact is null ? [] : [contact.Body], pupils.SelectMany(p => p.Links), [], [])
        {
            KnownSharedAddresses = shared?.Body.SharedWith ?? new Dictionary<string, string>(),
        };
    }

    private static IEnumerable<StaffMember> StaffMembers(SchoolDirectory staff) =>
        staff.Roles.Select(r => r.StaffId).Distinct(StringComparer.Ordinal).Select(staff.Staff).OfType<StaffMember>();

    private async Task<SchoolDirectory> StaffAsync(string school, CancellationToken cancellationToken)
    {
        var staff = (await documents.ReadAsync<StaffDirectory>(school, DocumentTypes.Staff, DocumentTypes.Staff, cancellationToken))?.Body ?? new StaffDirectory([], []);
        return new SchoolDirectory([], [], [], staff.Staff, staff.Roles);
    }

    /// <summary>Why a contact may not receive what was decided for them now: gone, or at another address than the decision's.</summary>
    private static string? Moved(OutgoingMessage message, SchoolDirectory directory) =>
        directory.Contact(message.Recipient.Id) is not { } contact ? $"contact {message.Recipient.Id} is no longer in the school's records"
        : !SameAddress(contact.Email, message.Recipient.Email) ? (message.BatchId is { } batch
            ? $"contact {message.Recipient.Id}'s e-mail address is not the one batch {batch} decided for; releasing the batch again decides it afresh"
            : $"contact {message.Recipient.Id}'s e-mail address changed after the decision; the next decision uses the new one")
        : null;

    private static string? StaffRefusal(OutgoingMessage message, SchoolDirectory staff) =>
        staff.Staff(message.Recipient.Id) is not { } member ? $"staff {message.Recipient.Id} is no longer in the school's records"
        : !SameAddress(member.Email, message.Recipient.Email) ? $"staff {message.Recipient.Id}'s e-mail address changed after the decision"
        : null;

    private static bool SameAddress(string? stored, string decided) => Email.EmailAddress.SameInbox(stored, decided);

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
