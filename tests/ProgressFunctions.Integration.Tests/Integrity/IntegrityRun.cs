using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>A school taken from export to sent e-mails on the embedded store, recording every message.</summary>
internal sealed class IntegrityRun : IDisposable
{
    public IntegrityRun()
    {
        Fixture = new JobsFixture(Sender);
        Context = Fixture.Context with { Renderer = new TitleRenderer() };
    }

    public RecordingSender Sender { get; } = new();

    public JobsFixture Fixture { get; }

    public JobPorts Context { get; }

    public static EditableExport NewExport(int pupils = 40, int seed = 7) => new EditableExport(JobsFixture.Generate(pupils, seed)).WithDistinctNames();

    public Task<IngestResult> IngestAsync(byte[] export, string name = "export.zip", string school = JobsFixture.School) =>
        Context.Get<IngestJob>().RunAsync(school, name, new MemoryStream(export), CancellationToken.None);

    /// <summary>The term's due snapshots and their reports, then everything queued is sent.</summary>
    public async Task<SnapshotJobResult> SnapshotAndSendAsync()
    {
        var snapshot = await Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        foreach (var batch in await Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None))
        {
            await Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, batch.Batch.Id, includeStale: false, CancellationToken.None);
        }

        await Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);
        return snapshot;
    }

    public async Task<List<UndeliveredRecord>> NotSentAsync() =>
        await Context.Documents.ListAsync<UndeliveredRecord>(JobsFixture.School, DocumentTypes.NotSent).Select(d => d.Body).ToListAsync();

    public void Dispose() => Fixture.Dispose();
}
