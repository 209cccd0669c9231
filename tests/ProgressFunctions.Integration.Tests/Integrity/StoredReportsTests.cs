using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>A document rendered once for several recipients is stored once, and a failed store loses nothing.</summary>
public class StoredReportsTests
{
    [Fact]
    public async Task Dispatch_StoringAReportFailsOnce_SameReportsStoredAndSentAsWithoutTheFailure()
    {
        var (expectedBlobs, expectedSent) = await RunAsync(failFirstReport: false);
        var (blobs, sent) = await RunAsync(failFirstReport: true);

        Assert.NotEmpty(expectedBlobs);
        Assert.Equal(expectedBlobs, blobs);
        Assert.Equal(expectedSent, sent);
    }

    private static async Task<(List<string> Blobs, List<string> Sent)> RunAsync(bool failFirstReport)
    {
        using var run = new IntegrityRun();
        await run.IngestAsync(IntegrityRun.NewExport(pupils: 12).Zip());
        var blobs = new FailFirstReportPut(run.Context.Blobs, failFirstReport);
        using var context = run.Context with { Blobs = blobs };
        await context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        foreach (var batch in await context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None))
        {
            await context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, batch.Batch.Id, includeStale: false, CancellationToken.None);
        }

        var drained = await context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);
        // The failed send's claim stands until its lease ends; then it goes like any other.
        run.Fixture.Clock.Advance(ReportDispatcher.ClaimLease + TimeSpan.FromMinutes(1));
        var retried = await context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal((0, 0, failFirstReport ? 1 : 0), (drained.Poisoned, retried.Poisoned, blobs.Failed));
        var stored = await context.Blobs.ListAsync(JobResources.ReportsContainer + "/").Select(b => b.Path.Value).Order(StringComparer.Ordinal).ToListAsync();
        return (stored, [.. run.Sender.Sent.Select(m => m.MessageKey).Order(StringComparer.Ordinal)]);
    }

    /// <summary>The real store, but the first report put fails as a full disk or a dropped connection would.</summary>
    private sealed class FailFirstReportPut(IBlobStore inner, bool fail) : IBlobStore
    {
        public int Failed { get; private set; }

        public Task<bool> PutAsync(BlobPath path, Stream content, string contentType, bool onlyIfAbsent = false, CancellationToken cancellationToken = default)
        {
            if (fail && Failed == 0 && path.Value.EndsWith(".pdf", StringComparison.Ordinal))
            {
                Failed++;
                throw new IOException("No space left on device");
            }

            return inner.PutAsync(path, content, contentType, onlyIfAbsent, cancellationToken);
        }

        public Task<Stream?> OpenReadAsync(BlobPath path, CancellationToken cancellationToken = default) => inner.OpenReadAsync(path, cancellationToken);

        public IAsyncEnumerable<BlobItem> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task<bool> DeleteAsync(BlobPath path, CancellationToken cancellationToken = default) => inner.DeleteAsync(path, cancellationToken);

        public Task<bool> ExistsAsync(BlobPath path, CancellationToken cancellationToken = default) => inner.ExistsAsync(path, cancellationToken);
    }
}
