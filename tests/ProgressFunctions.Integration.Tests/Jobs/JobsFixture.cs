using Microsoft.Extensions.Logging.Abstractions;
using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Email.Outbox;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.Infrastructure.Reports.Pdf;
using ProgressFunctions.Integration.Tests.Storage.Embedded;
using ProgressFunctions.Synthetic;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>A fresh embedded store, outbox and clock per test, and a small synthetic school to feed them.</summary>
internal sealed class JobsFixture : IDisposable
{
    public const string School = "100001";
    public static readonly DateOnly AsOf = new(2025, 12, 5);   // a Friday in the autumn term of 2025/26

    private readonly EmbeddedStorage _storage;

    /// <param name="sender">Where e-mail goes; the outbox when null.</param>
    /// <param name="workbooks">The workbook renderer, as hosts register it; none (reports go without their .xlsx) when null.</param>
    public JobsFixture(IEmailSender? sender = null, IWorkbookRenderer? workbooks = null)
    {
        Directory = TestFolders.NewPath("pf-jobs-");
        Clock = new ManualTimeProvider(new DateTimeOffset(2025, 12, 5, 7, 0, 0, TimeSpan.Zero));
        _storage = EmbeddedStorage.Open(Path.Combine(Directory, "data"), Clock);
        Outbox = new OutboxEmailSender(Path.Combine(Directory, "outbox"), EmailAddress.Create("reports@school.example", "Test School"), null, Clock, NullLogger<OutboxEmailSender>.Instance);
        Context = new JobPorts(_storage.Documents, _storage.Blobs, _storage.Queue, sender ?? Outbox, new PdfReportRenderer(), Clock) { Workbooks = workbooks };
    }

    public string Directory { get; }

    public ManualTimeProvider Clock { get; }

    public OutboxEmailSender Outbox { get; }

    public JobPorts Context { get; }

    public string OutboxDirectory => Path.Combine(Directory, "outbox");

    public static SyntheticSchool Generate(int pupils = 40, int seed = 7, DateOnly? asOf = null) =>
        SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, pupils, seed, asOf ?? AsOf) { Urn = School });

    public static byte[] Zip(SyntheticSchool school) => BundleZip.Capture(create => CsvBundleWriter.Write(school, create));

    /// <summary>Releases every batch of messages to families at once, as staff would after reviewing them.</summary>
    public async Task<int> ReleaseAllAsync()
    {
        var queued = 0;
        foreach (var batch in await Context.Get<BatchJob>().ListAsync(School, CancellationToken.None))
        {
            queued += (await Context.Get<BatchJob>().ReleaseAsync(School, batch.Batch.Id, includeStale: false, CancellationToken.None)).Queued;
        }

        return queued;
    }

    public Task<IngestResult> IngestAsync(byte[] export, string name = "export.zip") =>
        Context.Get<IngestJob>().RunAsync(School, name, new MemoryStream(export), CancellationToken.None);

    public void Dispose()
    {
        Context.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on a slow CI disk; the temp folder is cleaned by the OS.
        }
    }
}
