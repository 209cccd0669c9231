using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Integration.Tests.Jobs;
using ProgressFunctions.Integration.Tests.Storage.Embedded;

namespace ProgressFunctions.Integration.Tests.Cost;

/// <summary>What one step of a school's life cost: its document calls and its blob and queue transactions.</summary>
public sealed record StepCost(string Step, IReadOnlyList<DocumentCall> Calls, IReadOnlyDictionary<string, int> Transactions)
{
    public int DocumentsRead => Calls.Where(c => c.Operation is DocumentOperation.PointRead or DocumentOperation.Query).Sum(c => c.Documents);

    public long BytesRead => Calls.Where(c => c.Operation is DocumentOperation.PointRead or DocumentOperation.Query).Sum(c => c.Bytes);

    public int DocumentsWritten => Calls.Where(c => c.Operation is DocumentOperation.Write or DocumentOperation.Delete).Sum(c => c.Documents);

    public long BytesWritten => Calls.Where(c => c.Operation == DocumentOperation.Write).Sum(c => c.Bytes);

    /// <summary>Requests to Cosmos DB: one per point read, write or delete, one per page of a query.</summary>
    public int Requests => Calls.Sum(c => c.Operation == DocumentOperation.Query ? Math.Max(1, (c.Documents + CostModel.QueryPageSize - 1) / CostModel.QueryPageSize) : 1);

    public double Units => Calls.Sum(CostModel.Units);

    public double StrictUnits => Calls.Sum(CostModel.StrictUnits);

    public double ReadUnits => Calls.Where(c => c.Operation is DocumentOperation.PointRead or DocumentOperation.Query).Sum(CostModel.Units);

    public double WriteUnits => Units - ReadUnits;

    public int StorageTransactions => Transactions.Values.Sum();

    /// <summary>Documents read and bytes of body read, by document type, largest first.</summary>
    public IEnumerable<(string Type, int Documents, long Bytes)> ReadsByType =>
        Calls.Where(c => c.Operation is DocumentOperation.PointRead or DocumentOperation.Query).GroupBy(c => c.Type)
            .Select(g => (g.Key, g.Sum(c => c.Documents), g.Sum(c => c.Bytes))).OrderByDescending(t => t.Item3);

    public IEnumerable<(string Type, int Documents, long Bytes)> WritesByType =>
        Calls.Where(c => c.Operation == DocumentOperation.Write).GroupBy(c => c.Type)
            .Select(g => (g.Key, g.Sum(c => c.Documents), g.Sum(c => c.Bytes))).OrderByDescending(t => t.Item3);
}

/// <summary>A synthetic school on the embedded store whose every document call and storage transaction is counted, step by step.</summary>
/// <remarks>The steps are the ones a trust's Function App runs: an export arriving in blob storage, the timer's plan,
/// the attendance check and the snapshot job from the school-jobs queue, and dispatch from the report queue.</remarks>
internal sealed class CostScenario : IDisposable
{
    private readonly JobsFixture _fixture = new();
    private readonly MeteredDocuments _documents;
    private readonly TransactionCounts _transactions = new();

    public CostScenario()
    {
        _documents = new MeteredDocuments(_fixture.Context.Documents);
        Context = _fixture.Context with
        {
            Documents = _documents,
            Blobs = new MeteredBlobs(_fixture.Context.Blobs, _transactions),
            Queue = new MeteredQueue(_fixture.Context.Queue, _transactions),
        };
    }

    public const string School = JobsFixture.School;

    public JobPorts Context { get; }

    public ManualTimeProvider Clock => _fixture.Clock;

    public string OutboxDirectory => _fixture.OutboxDirectory;

    public async Task<StepCost> MeasureAsync(string step, Func<JobPorts, Task> run)
    {
        _documents.Reset();
        _transactions.Reset();
        await run(Context);
        return new StepCost(step, _documents.Calls, _transactions.Counts);
    }

    /// <summary>The school's export as its MIS makes it on <paramref name="asOf"/>, uploaded and ingested as the blob trigger does.</summary>
    public Task<StepCost> ImportAsync(int pupils, DateOnly asOf) => MeasureAsync("import", async context =>
    {
        var path = BlobPath.Parse($"{JobResources.ExportsContainer}/{School}/export-{asOf:yyyy-MM-dd}.zip");
        await context.Blobs.PutAsync(path, new MemoryStream(JobsFixture.Zip(JobsFixture.Generate(pupils, seed: 7, asOf))), "application/zip");
        var result = await context.Get<ExportIntake>().RunAsync(path, CancellationToken.None);
        Assert.True(result.Outcome == IngestOutcome.Stored, result.Message);
    });

    /// <summary>One firing of the school-jobs timer after registers closed: plans, queues and runs the check and the snapshot job.</summary>
    public Task<StepCost> PlanAsync(DateOnly day) => MeasureAsync("plan", async context =>
    {
        var messages = await context.Get<SchoolJobs>().PlanAsync(AfterRegistersClose(day), CancellationToken.None);
        Assert.Equal(2, messages.Count);
    });

    public Task<StepCost> CheckAsync(DateOnly day) => MeasureAsync("check", context =>
        context.Get<SchoolJobs>().RunAsync(new SchoolJobMessage(School, SchoolJobKind.CheckAttendance, day), CancellationToken.None));

    public Task<StepCost> SnapshotJobAsync(DateOnly day) => MeasureAsync("snapshot job", context =>
        context.Get<SchoolJobs>().RunAsync(new SchoolJobMessage(School, SchoolJobKind.TakeSnapshots, day), CancellationToken.None));

    /// <summary>Sends what is queued; with <paramref name="release"/> the parents' batches are released first, as staff would.</summary>
    public Task<StepCost> DispatchAsync(bool release) => MeasureAsync(release ? "release and dispatch" : "dispatch", async context =>
    {
        if (release)
        {
            foreach (var batch in await context.Get<BatchJob>().ListAsync(School, CancellationToken.None))
            {
                await context.Get<BatchJob>().ReleaseAsync(School, batch.Batch.Id, includeStale: false, CancellationToken.None);
            }
        }

        var drained = await context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(0, drained.Poisoned);
    });

    public async Task<int> CountAsync(string type)
    {
        var count = 0;
        await foreach (var _ in _fixture.Context.Documents.ListAsync<System.Text.Json.JsonElement>(School, type))
        {
            count++;
        }

        return count;
    }

    public Task<int> SentAsync() => CountAsync(DocumentTypes.Sent);

    // 10:00 in England on the day, after the default 09:30 register close (GMT in the winter term used here).
    private static DateTimeOffset AfterRegistersClose(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

    public void Dispose()
    {
        Context.Dispose();
        _fixture.Dispose();
    }
}
