using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Integration.Tests.Jobs;
using ProgressFunctions.Integration.Tests.Storage.Azure;
using ProgressFunctions.TestSupport.Emulators;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>The concurrency and routing guarantees on the Azure adapters: Cosmos DB (its test server) and Azurite.</summary>
/// <remarks>Each test files its school under an id of its own (school.json <c>schoolId</c>), so tests sharing the emulators never meet.</remarks>
[Collection(AzureQueuesCollection.Name)]
public class AzureIntegrityTests(CosmosFixture cosmos) : IClassFixture<CosmosFixture>
{
    private async Task<(JobPorts Context, RecordingSender Sender, string School)> ContextAsync(EditableExport export)
    {
        var school = "az-" + Guid.NewGuid().ToString("N")[..10];
        export.SetSchoolJson("schoolId", school);
        var azure = AzureStorage.FromConnectionString(await Azurite.ConnectionStringAsync());
        var sender = new RecordingSender();
        return (new JobPorts(cosmos.Storage.Documents, azure.Blobs, azure.Queue, sender, new TitleRenderer(), TimeProvider.System), sender, school);
    }

    [Fact]
    public async Task Ingest_TwoExportsOfOneSchoolAtOnceOnCosmos_BothStoredInFull()
    {
        var export = IntegrityRun.NewExport(pupils: 16);
        var (context, _, school) = await ContextAsync(export);
        var (first, second, marks) = ConcurrencyAndCrashTests.SplitAttendance(export);
        var overlapping = context with { Documents = new RendezvousDocuments(context.Documents, TimeSpan.FromSeconds(2)) };

        var results = await Task.WhenAll(
            Task.Run(() => overlapping.Get<IngestJob>().RunAsync(school, "monday.zip", new MemoryStream(first), CancellationToken.None)),
            Task.Run(() => overlapping.Get<IngestJob>().RunAsync(school, "tuesday.zip", new MemoryStream(second), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(IngestOutcome.Stored, r.Outcome));
        var state = await SchoolState.LoadAsync(context.Documents, context.Clock, school, CancellationToken.None);
        Assert.Equal(marks, state.Registers(state.Calendar!).Values.Sum(r => r.Marks().Count()));
        Assert.Equal(2, (await ImportLock.ReadAsync(context.Documents, school, CancellationToken.None)).Generation);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public async Task Reports_SchoolWithInjectedIdFaultsOnAzure_NeverReachAnotherChildsFamily(int seed)
    {
        var export = IntegrityRun.NewExport(pupils: 20, seed: seed);
        RoutingPropertyTests.Faults.Inject(export, new Random(seed));
        var (context, sender, school) = await ContextAsync(export);

        await context.Get<IngestJob>().RunAsync(school, "export.zip", new MemoryStream(export.Zip()), CancellationToken.None);
        var snapshot = await context.Get<SnapshotJob>().RunDueAsync(school, Jobs.JobsFixture.AsOf, CancellationToken.None);
        await context.Get<BatchJob>().ReleaseAsync(school, snapshot.Batch!.Id, includeStale: false, CancellationToken.None);
        await context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.True(RoutingInvariant.AssertHolds(export, sender.Sent) > 0);
    }

    [Fact]
    public async Task Intake_UnreadableExportOnAzurite_MovedToRejectedWithItsReason()
    {
        var export = IntegrityRun.NewExport(pupils: 5);
        var (context, _, school) = await ContextAsync(export);
        await context.Get<IngestJob>().RunAsync(school, "export.zip", new MemoryStream(export.Zip()), CancellationToken.None);
        var path = BlobPath.Parse($"mis-exports/{school}/broken.zip");
        await context.Blobs.PutAsync(path, new MemoryStream("PK\u0003\u0004 cut short"u8.ToArray()), "application/zip");

        var result = await context.Get<ExportIntake>().RunAsync(path, CancellationToken.None);

        Assert.Equal(IngestOutcome.Unreadable, result.Outcome);
        Assert.False(await context.Blobs.ExistsAsync(path));
        Assert.True(await context.Blobs.ExistsAsync(BlobPath.Parse($"mis-exports-rejected/{school}/broken.zip")));
        Assert.Contains(await context.Blobs.ListAsync($"mis-exports-rejected/{school}/broken.zip.").ToListAsync(), b => b.Path.Name.EndsWith(".reason.txt", StringComparison.Ordinal));
    }
}

/// <summary>Tests that drain the shared Azurite <c>report-requests</c> queue run one at a time, so none takes another's messages.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AzureQueuesCollection
{
    public const string Name = "Azure queues";
}
