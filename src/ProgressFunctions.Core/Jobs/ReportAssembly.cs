using System.Globalization;
using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.AttendanceOfficer;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>One e-mail for one recipient: the reports to render and attach, the text around them, where to keep the PDFs.</summary>
public sealed record Outgoing(string RecipientId, EmailAddress To, IReadOnlyList<ReportDocument> Documents, ComposedEmail Email, string BlobFolder)
{
    /// <summary>Files attached as they are (e.g. an errors CSV), besides the rendered reports.</summary>
    public IReadOnlyList<EmailAttachment> Files { get; init; } = [];
}

/// <summary>What dispatch has loaded for a request.</summary>
public sealed record DispatchInputs(SchoolState State, SchoolDirectory Directory, IReadOnlyDictionary<string, PupilRegister> Registers, TermSnapshot? Snapshot, AlertDay? Alerts, byte[]? File)
{
    public LetterDue? Letter { get; init; }
}

/// <summary>Turns a report request into the e-mails to send: pure, so what would be sent can be tested without sending.</summary>
/// <remarks>
/// Parent requests are routed again at dispatch: a restriction or a removed e-mail address recorded since the
/// snapshot stops the send. A recipient who cannot be reached gives no e-mail, with the reason.
/// </remarks>
public static class ReportAssembly
{
    public static (IReadOnlyList<Outgoing> Outgoing, string? Skipped) For(ReportRequest request, DispatchInputs inputs)
    {
        var profile = inputs.State.Profile!;
        var contactLine = SchoolSettings.ContactLine(profile.Settings, profile.Name);
        return request.Kind switch
        {
            ReportKind.Parent => Parent(request, inputs, profile, contactLine),
            ReportKind.AttendanceDigest => Digest(request, inputs, profile.Name, contactLine),
            ReportKind.ImportErrors => ImportErrors(request, inputs, profile.Name, contactLine),
            ReportKind.AttendanceLetter => Letter(request, inputs, profile, contactLine),
            _ => Staff(request, inputs, profile.Name, contactLine),
        };
    }

    private static (IReadOnlyList<Outgoing>, string?) Parent(ReportRequest request, DispatchInputs inputs, Imports.SchoolProfile profile, string contactLine)
    {
        var snapshot = inputs.Snapshot!;
        var envelope = ParentRouting.Route(request.PupilIds ?? [], inputs.Directory).Envelopes.FirstOrDefault(e => e.ContactId == request.RecipientId);
        var contact = inputs.Directory.Contact(request.RecipientId);
        if (envelope is null || contact is null || !EmailAddress.TryCreate(envelope.Email, contact.DisplayName, out var to, out _))
        {
            return ([], $"contact {request.RecipientId} may no longer receive these reports");
        }

        var protect = profile.Settings.TryGetValue("protectParentReports", out var p) && p.Trim() == "true";
        var documents = envelope.PupilIds.Select(id => Reports.Parents.ParentReport.Build(
            Reports.Parents.ParentReportInput.For(snapshot, id, profile.Name, snapshot.AsOf, inputs.Directory, contactLine) with
            {
                Register = inputs.Registers.GetValueOrDefault(id),
                Scales = profile.Scales,
                ProtectWithDateOfBirth = protect,
            })).ToList();
        var children = envelope.PupilIds.Zip(documents, (id, d) => new ChildReport(inputs.Directory.Pupil(id)!.DisplayName, d.FileName, d.Password is not null)).ToList();
        var email = ReportEmailComposer.ForParent(new ParentEmailInput(profile.Name, contact.DisplayName, Period(snapshot.Key), children, contactLine));
        return ([new Outgoing(contact.Id, to, documents, email, TermFolder(snapshot.Key))], null);
    }

    private static (IReadOnlyList<Outgoing>, string?) Letter(ReportRequest request, DispatchInputs inputs, Imports.SchoolProfile profile, string contactLine)
    {
        var letter = inputs.Letter!;
        var envelope = ParentRouting.Route([letter.PupilId], inputs.Directory).Envelopes.FirstOrDefault(e => e.ContactId == request.RecipientId);
        var contact = inputs.Directory.Contact(request.RecipientId);
        if (envelope is null || contact is null || inputs.Directory.Pupil(letter.PupilId) is not { } pupil || !EmailAddress.TryCreate(envelope.Email, contact.DisplayName, out var to, out _))
        {
            return ([], $"contact {request.RecipientId} may no longer receive letters about {letter.PupilId}");
        }

        var (rules, _) = ParentLetterRules.FromJson(profile.Settings.GetValueOrDefault("parentLetters"));
        var document = Reports.Parents.AttendanceLetter.Build(new Reports.Parents.AttendanceLetterInput(profile.Name, letter, pupil, contact.DisplayName, contactLine, (rules ?? ParentLetterRules.Off).Template));
        var email = ReportEmailComposer.ForAttendanceLetter(profile.Name, contact.DisplayName, pupil.DisplayName, document.FileName, contactLine);
        var folder = $"{inputs.State.SchoolId}/{letter.Year.StartYear}/letters";
        return ([new Outgoing(contact.Id, to, [document], email, folder)], null);
    }

    private static (IReadOnlyList<Outgoing>, string?) Staff(ReportRequest request, DispatchInputs inputs, string school, string contactLine)
    {
        var snapshot = inputs.Snapshot!;
        var document = StaffDocuments.Build(request, snapshot, school, inputs.Directory);
        if (!StaffDocuments.StillCovers(request, inputs.Directory))
        {
            return ([], $"staff {request.RecipientId} no longer holds the role this {request.Kind} report goes to");
        }

        if (document is null || StaffAddress(inputs.Directory, request.RecipientId) is not { } to)
        {
            return ([], $"no {request.Kind} report for {request.Scope ?? "the school"} or no address for staff {request.RecipientId}");
        }

        var member = inputs.Directory.Staff(request.RecipientId)!;
        var email = ReportEmailComposer.ForStaff(new StaffEmailInput(school, member.DisplayName, document.Title, Period(snapshot.Key), document.FileName, contactLine));
        return ([new Outgoing(member.Id, to, [document], email, TermFolder(snapshot.Key))], null);
    }

    private static (IReadOnlyList<Outgoing>, string?) Digest(ReportRequest request, DispatchInputs inputs, string school, string contactLine)
    {
        var day = inputs.Alerts!;
        var mine = DigestPlanner.Plan(day.Alerts, inputs.Directory).FirstOrDefault(d => d.StaffId == request.RecipientId);
        if (mine is null || StaffAddress(inputs.Directory, request.RecipientId) is not { } to)
        {
            return ([], $"no digest for staff {request.RecipientId} on {day.Date:yyyy-MM-dd}");
        }

        var document = AttendanceDigest.Build(AttendanceDigestInput.For(school, day.Date, day.RegisterDate, day.Run, request.RecipientId, mine.Alerts.Select(a => a.PupilId),
            inputs.State.Calendar!, inputs.Directory, inputs.Registers, inputs.State.OnRoll(day.Date)));
        var date = day.Date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var email = ReportEmailComposer.ForAttendanceDigest(school, inputs.Directory.Staff(request.RecipientId)!.DisplayName, date, document.FileName, contactLine);
        // Each member of staff's digest differs (a year leader sees their year), so each is kept under its own name.
        var folder = $"{inputs.State.SchoolId}/{AcademicYear.Containing(day.Date).StartYear}/daily/{day.Date:yyyy-MM-dd}/{request.RecipientId}";
        return ([new Outgoing(request.RecipientId, to, [document], email, folder)], null);
    }

    private static (IReadOnlyList<Outgoing>, string?) ImportErrors(ReportRequest request, DispatchInputs inputs, string school, string contactLine)
    {
        var fileName = request.Source[(request.Source.LastIndexOf('/') + 1)..];
        var outgoing = StaffRouting.Route(StaffRoleKind.DataManager, null, inputs.Directory).Recipients
            .Select(m => new Outgoing(m.Id, EmailAddress.Create(m.Email, m.DisplayName), [],
                ReportEmailComposer.ForStaff(new StaffEmailInput(school, m.DisplayName, "Rows the last MIS export could not import", "the latest import", fileName, contactLine)),
                "")
            { Files = [new EmailAttachment(fileName, "text/csv", inputs.File ?? [])] })
            .ToList();
        return (outgoing, outgoing.Count == 0 ? "the school has no data manager with an e-mail address" : null);
    }

    private static EmailAddress? StaffAddress(SchoolDirectory directory, string staffId) =>
        directory.Staff(staffId) is { } m && EmailAddress.TryCreate(m.Email, m.DisplayName, out var address, out _) ? address : null;

    private static string Period(SnapshotKey key) => $"{key.Term} term {key.Year}";

    private static string TermFolder(SnapshotKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.SchoolId}/{key.Year.StartYear}-{(key.Year.StartYear + 1) % 100:00}/{key.Term.ToString().ToLowerInvariant()}");
}
