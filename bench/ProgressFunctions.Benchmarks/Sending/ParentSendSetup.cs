using Microsoft.Extensions.Logging.Abstractions;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Sending;

/// <summary>
/// What sending parent reports needs, as dispatch has it: a synthetic 1,500-pupil secondary at its spring snapshot,
/// each pupil's report input (the snapshot's weekly rates, the school's scales), the embedded store and the outbox.
/// </summary>
internal sealed class ParentSendSetup : IDisposable
{
    private static readonly DateOnly s_asOf = new(2026, 3, 13);
    private readonly string _directory;

    public ParentSendSetup(string? root = null)
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, s_asOf));
        TermSnapshot snapshot = school.Snapshot();
        SchoolName = school.Name;
        Parents = [.. snapshot.Pupils.Select(p => ParentReportInput.For(snapshot, p.PupilId, school.Name, snapshot.AsOf, school.Directory, "the school office") with
        {
            Scales = school.Profile.Scales,
        })];
        _directory = Path.Combine(root ?? Path.GetTempPath(), "progress-bench-send-" + Guid.NewGuid().ToString("N"));
        Storage = EmbeddedStorage.Open(_directory);
        Outbox = new OutboxEmailSender(Path.Combine(_directory, "outbox"), EmailAddress.Parse("reports@school.example"), null,
            TimeProvider.System, NullLogger<OutboxEmailSender>.Instance);
    }

    public string SchoolName { get; }

    public ParentReportInput[] Parents { get; }

    public EmbeddedStorage Storage { get; }

    public OutboxEmailSender Outbox { get; }

    /// <summary>The e-mail to one carer with the report attached; every message has its own key, so each is a new file and index row.</summary>
    public EmailMessage Message(int n, ParentReportInput input, ReportDocument document, byte[] pdf)
    {
        var name = input.Directory.Pupil(input.Pupil.PupilId)?.DisplayName ?? input.Pupil.PupilId;
        var email = ReportEmailComposer.ForParent(new ParentEmailInput(SchoolName, "Alex Carer", "spring term 2025/26",
            [new ChildReport(name, document.AttachedAs)], "the school office"));
        return new EmailMessage
        {
            MessageKey = $"bench-{n}",
            To = [EmailAddress.Parse("carer@family.example")],
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            // As dispatch attaches a stored render: shared, not copied.
            Attachments = [EmailAttachment.Shared(document.AttachedAs, "application/pdf", pdf)],
        };
    }

    /// <summary>Deletes the reports and e-mails written so far, so that a term's folder holds one iteration's files, not a whole run's.</summary>
    public void ClearSent()
    {
        foreach (var folder in new[] { Path.Combine(_directory, "blobs", "reports", "bench"), Path.Combine(_directory, "outbox") })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
