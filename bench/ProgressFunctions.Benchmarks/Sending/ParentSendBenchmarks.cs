using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Email;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.Infrastructure.Reports.Pdf;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Benchmarks.Sending;

/// <summary>
/// One parent report of a synthetic 1,500-pupil secondary (spring term), rendered alone and then rendered, stored and
/// e-mailed as dispatch does it: the PDF to the embedded blob store, the e-mail as a MIME file in the outbox. Both in
/// one run, so "send as a fraction of pure rendering" is the ratio of the two means (target at least 0.8), and the
/// Allocated column of the second is the allocation per parent report, model + PDF + e-mail (target under 0.4 MB).
/// </summary>
/// <remarks>
/// The report is built from the snapshot as the dispatcher builds it (its weekly rates, the school's scales), for a
/// different pupil on every invocation; every e-mail has its own key, so each is a new file and index row.
/// </remarks>
[MemoryDiagnoser]
public class ParentSendBenchmarks
{
    private static readonly DateOnly s_asOf = new(2026, 3, 13);
    private readonly PdfReportRenderer _renderer = new();
    private ParentReportInput[] _parents = [];
    private string _directory = "";
    private EmbeddedStorage _storage = null!;
    private OutboxEmailSender _outbox = null!;
    private string _schoolName = "";
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 1500, 2026, s_asOf));
        TermSnapshot snapshot = school.Snapshot();
        _schoolName = school.Name;
        _parents = [.. snapshot.Pupils.Select(p => ParentReportInput.For(snapshot, p.PupilId, school.Name, snapshot.AsOf, school.Directory, "the school office") with
        {
            Scales = school.Profile.Scales,
        })];
        _directory = Path.Combine(Path.GetTempPath(), "progress-bench-send-" + Guid.NewGuid().ToString("N"));
        _storage = EmbeddedStorage.Open(_directory);
        _outbox = new OutboxEmailSender(Path.Combine(_directory, "outbox"), EmailAddress.Parse("reports@school.example"), null,
            TimeProvider.System, NullLogger<OutboxEmailSender>.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "parent report: model + PDF")]
    public int Render() => _renderer.Render(ParentReport.Build(_parents[_next++ % _parents.Length])).Length;

    [Benchmark(Description = "parent report: model + PDF + stored + e-mailed to the outbox")]
    public async Task<int> RenderStoreSend()
    {
        var n = _next++;
        var input = _parents[n % _parents.Length];
        var document = ParentReport.Build(input);
        var pdf = _renderer.Render(document);
        await _storage.Blobs.PutAsync(BlobPath.Parse($"reports/bench/{document.FileName}"), new MemoryStream(pdf), _renderer.ContentType);
        var name = input.Directory.Pupil(input.Pupil.PupilId)?.DisplayName ?? input.Pupil.PupilId;
        var email = ReportEmailComposer.ForParent(new ParentEmailInput(_schoolName, "Alex Carer", "spring term 2025/26",
            [new ChildReport(name, document.AttachedAs)], "the school office"));
        var receipt = await _outbox.SendAsync(new EmailMessage
        {
            MessageKey = $"bench-{n}",
            To = [EmailAddress.Parse("carer@family.example")],
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            Attachments = [EmailAttachment.Pdf(document.AttachedAs, pdf)],
        }, CancellationToken.None);
        return receipt.ProviderMessageIds.Count;
    }
}
