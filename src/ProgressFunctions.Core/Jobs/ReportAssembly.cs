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

/// <summary>A message that will not be sent to one recipient, and why: always recorded, never dropped unseen.</summary>
/// <remarks><see cref="TellDataManagers"/> is set when the stored data contradicts the decision to send (a pupil's identity changed): someone must look.</remarks>
public sealed record Undelivered(string RecipientId, IReadOnlyList<string> PupilIds, string Reason, bool TellDataManagers = false)
{
    public static Undelivered Of(NotSent refusal) => new(refusal.ContactId ?? "", [refusal.PupilId],
        refusal.Detail is null ? refusal.Reason.ToString() : $"{refusal.Reason}: {refusal.Detail}",
        TellDataManagers: refusal.Reason == NotSentReason.PupilIdentityChanged);
}

/// <summary>The e-mails a request gives, and the recipients or pupils it does not reach.</summary>
public sealed record Assembled(IReadOnlyList<Outgoing> Outgoing, IReadOnlyList<Undelivered> Undelivered);

/// <summary>What dispatch has loaded for a request.</summary>
public sealed record DispatchInputs(SchoolState State, SchoolDirectory Directory, IReadOnlyDictionary<string, PupilRegister> Registers, TermSnapshot? Snapshot, AlertDay? Alerts, byte[]? File)
{
    public LetterDue? Letter { get; init; }
}

/// <summary>Turns a report request into the e-mails to send: pure, so what would be sent can be tested without sending.</summary>
/// <remarks>
/// Parent requests are checked again at dispatch (<see cref="SendCheck"/>): a changed identity, a restriction or a
/// removed e-mail address recorded since the snapshot stops that pupil's report. A recipient or pupil who cannot be
/// reached gives an <see cref="Undelivered"/> with the reason, never silence.
/// </remarks>
public static class ReportAssembly
{
    public static Assembled For(ReportRequest request, DispatchInputs inputs)
    {
        var profile = inputs.State.Profile!;
        var contactLine = profile.Settings.ContactLineFor(profile.Name);
        return request.Kind switch
        {
            ReportKind.Parent => Parent(request, inputs, profile, contactLine),
            ReportKind.AttendanceDigest => Digest(request, inputs, profile.Name, contactLine),
            ReportKind.ImportErrors => StaffFile(request, inputs, profile.Name, contactLine, "Rows the last MIS export could not import", "the latest import"),
            ReportKind.ReportsHeldBack => StaffFile(request, inputs, profile.Name, contactLine, "Reports held back: the stored data no longer matches who they are about", "sending reports"),
            ReportKind.AttendanceLetter => Letter(request, inputs, profile, contactLine),
            _ => Staff(request, inputs, profile.Name, contactLine),
        };
    }

    private static Assembled Parent(ReportRequest request, DispatchInputs inputs, Imports.SchoolProfile profile, string contactLine)
    {
        var snapshot = inputs.Snapshot!;
        var protect = profile.Settings.ProtectParentReports;
        var inSnapshot = snapshot.Pupils.ToDictionary(x => x.PupilId, StringComparer.Ordinal);
        var requested = (request.PupilIds ?? []).Select(id => (id, inSnapshot.GetValueOrDefault(id)?.Upn)).ToList();
        var (allowed, refused) = SendCheck.Parent(request.RecipientId, requested, inputs.Directory, protect);
        var undelivered = refused.Select(Undelivered.Of).ToList();
        var contact = inputs.Directory.Contact(request.RecipientId);
        if (allowed.Count == 0 || contact is null || !EmailAddress.TryCreate(contact.Email, contact.DisplayName, out var to, out _))
        {
            return new Assembled([], undelivered.Count > 0 ? undelivered : [new Undelivered(request.RecipientId, request.PupilIds ?? [], $"contact {request.RecipientId} may no longer receive these reports")]);
        }

        var documents = allowed.Select(id => Reports.Parents.ParentReport.Build(
            Reports.Parents.ParentReportInput.For(snapshot, id, profile.Name, snapshot.AsOf, inputs.Directory, contactLine) with
            {
                Register = inputs.Registers.GetValueOrDefault(id),
                Scales = profile.Scales,
                ProtectWithDateOfBirth = protect,
            })).ToList();
        var children = allowed.Zip(documents, (id, d) => new ChildReport(inputs.Directory.Pupil(id)!.DisplayName, d.FileName, d.Password is not null)).ToList();
        var email = ReportEmailComposer.ForParent(new ParentEmailInput(profile.Name, contact.DisplayName, Period(snapshot.Key), children, contactLine));
        return new Assembled([new Outgoing(contact.Id, to, documents, email, TermFolder(snapshot.Key))], undelivered);
    }

    private static Assembled Letter(ReportRequest request, DispatchInputs inputs, Imports.SchoolProfile profile, string contactLine)
    {
        var letter = inputs.Letter!;
        var (allowed, refused) = SendCheck.Parent(request.RecipientId, [(letter.PupilId, null)], inputs.Directory, needsDateOfBirth: false);
        var contact = inputs.Directory.Contact(request.RecipientId);
        if (allowed.Count == 0 || contact is null || inputs.Directory.Pupil(letter.PupilId) is not { } pupil || !EmailAddress.TryCreate(contact.Email, contact.DisplayName, out var to, out _))
        {
            return new Assembled([], refused.Count > 0 ? [.. refused.Select(Undelivered.Of)]
                : [new Undelivered(request.RecipientId, [letter.PupilId], $"contact {request.RecipientId} may no longer receive letters about {letter.PupilId}")]);
        }

        var rules = profile.Settings.ParentLetters;
        var document = Reports.Parents.AttendanceLetter.Build(new Reports.Parents.AttendanceLetterInput(profile.Name, letter, pupil, contact.DisplayName, contactLine, rules.Template));
        var email = ReportEmailComposer.ForAttendanceLetter(profile.Name, contact.DisplayName, pupil.DisplayName, document.FileName, contactLine);
        var folder = $"{inputs.State.SchoolId}/{letter.Year.StartYear}/letters";
        return new Assembled([new Outgoing(contact.Id, to, [document], email, folder)], []);
    }

    private static Assembled Staff(ReportRequest request, DispatchInputs inputs, string school, string contactLine)
    {
        var snapshot = inputs.Snapshot!;
        var document = StaffDocuments.Build(request, snapshot, school, inputs.Directory);
        if (!StaffDocuments.StillCovers(request, inputs.Directory))
        {
            return Nothing(request, $"staff {request.RecipientId} no longer holds the role this {request.Kind} report goes to");
        }

        if (document is null || StaffAddress(inputs.Directory, request.RecipientId) is not { } to)
        {
            return Nothing(request, $"no {request.Kind} report for {request.Scope ?? "the school"} or no address for staff {request.RecipientId}");
        }

        var member = inputs.Directory.Staff(request.RecipientId)!;
        var email = ReportEmailComposer.ForStaff(new StaffEmailInput(school, member.DisplayName, document.Title, Period(snapshot.Key), document.FileName, contactLine));
        return new Assembled([new Outgoing(member.Id, to, [document], email, TermFolder(snapshot.Key))], []);
    }

    private static Assembled Digest(ReportRequest request, DispatchInputs inputs, string school, string contactLine)
    {
        var day = inputs.Alerts!;
        var mine = DigestPlanner.Plan(day.Alerts, inputs.Directory).FirstOrDefault(d => d.StaffId == request.RecipientId);
        if (mine is null || StaffAddress(inputs.Directory, request.RecipientId) is not { } to)
        {
            return Nothing(request, $"no digest for staff {request.RecipientId} on {day.Date:yyyy-MM-dd}");
        }

        var document = AttendanceDigest.Build(AttendanceDigestInput.For(school, day.Date, day.RegisterDate, day.Run, request.RecipientId, mine.Alerts.Select(a => a.PupilId),
            inputs.State.Calendar!, inputs.Directory, inputs.Registers, inputs.State.OnRoll(day.Date)));
        var date = day.Date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var email = ReportEmailComposer.ForAttendanceDigest(school, inputs.Directory.Staff(request.RecipientId)!.DisplayName, date, document.FileName, contactLine);
        // Each member of staff's digest differs (a year leader sees their year), so each is kept under its own name.
        var folder = $"{inputs.State.SchoolId}/{AcademicYear.Containing(day.Date).StartYear}/daily/{day.Date:yyyy-MM-dd}/{request.RecipientId}";
        return new Assembled([new Outgoing(request.RecipientId, to, [document], email, folder)], []);
    }

    /// <summary>A file for the data managers (import errors, reports held back), one e-mail each.</summary>
    private static Assembled StaffFile(ReportRequest request, DispatchInputs inputs, string school, string contactLine, string title, string period)
    {
        var fileName = request.Source[(request.Source.LastIndexOf('/') + 1)..];
        var route = StaffRouting.Route(StaffRoleKind.DataManager, null, inputs.Directory);
        var outgoing = route.Recipients
            .Select(m => new Outgoing(m.Id, EmailAddress.Create(m.Email, m.DisplayName), [],
                ReportEmailComposer.ForStaff(new StaffEmailInput(school, m.DisplayName, title, period, fileName, contactLine)),
                "")
            { Files = [new EmailAttachment(fileName, fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "text/plain", inputs.File ?? [])] })
            .ToList();
        List<Undelivered> undelivered = [.. route.UnreachableStaffIds.Select(id => new Undelivered(id, [], $"data manager {id} has no valid e-mail address"))];
        if (outgoing.Count == 0 && undelivered.Count == 0)
        {
            undelivered.Add(new Undelivered(request.RecipientId, [], "the school has no data manager with an e-mail address"));
        }

        return new Assembled(outgoing, undelivered);
    }

    private static Assembled Nothing(ReportRequest request, string reason) => new([], [new Undelivered(request.RecipientId, request.PupilIds ?? [], reason)]);

    private static EmailAddress? StaffAddress(SchoolDirectory directory, string staffId) =>
        directory.Staff(staffId) is { } m && EmailAddress.TryCreate(m.Email, m.DisplayName, out var address, out _) ? address : null;

    private static string Period(SnapshotKey key) => $"{key.Term} term {key.Year}";

    private static string TermFolder(SnapshotKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.SchoolId}/{key.Year.StartYear}-{(key.Year.StartYear + 1) % 100:00}/{key.Term.ToString().ToLowerInvariant()}");
}
