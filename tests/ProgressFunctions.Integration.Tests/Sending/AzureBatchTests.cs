using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Sending;
using ProgressFunctions.Infrastructure.Azure;
using ProgressFunctions.Integration.Tests.Integrity;
using ProgressFunctions.Integration.Tests.Jobs;
using ProgressFunctions.Integration.Tests.Storage.Azure;
using ProgressFunctions.TestSupport.Emulators;

namespace ProgressFunctions.Integration.Tests.Sending;

/// <summary>
/// Batches on the Azure adapters (Cosmos DB test server, Azurite queues and blobs): nothing reaches families before
/// release, a held batch stays held past its day, and a release made twice at once (two hosts) sends each message once.
/// </summary>
/// <remarks>Each test files its school under an id of its own, so tests sharing the emulators never meet.</remarks>
[Collection(AzureQueuesCollection.Name)]
public class AzureBatchTests(CosmosFixture cosmos) : IClassFixture<CosmosFixture>
{
    private static readonly DateOnly s_releaseDay = new(2025, 12, 9);   // two school days after JobsFixture.AsOf, a Friday
    private static readonly DateOnly s_autumnEndDue = new(2025, 12, 9);
    private static readonly DateOnly s_autumnEndRelease = new(2025, 12, 11);

    [Fact]
    public async Task Batch_HeldThenReleasedTwiceAtOnceOnAzure_FamiliesGetEachMessageOnceAndOnlyAfterRelease()
    {
        var (context, sender, school) = await PreparedAsync();
        var batch = (await context.Get<BatchJob>().ListAsync(school, CancellationToken.None)).Single().Batch;
        await context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);
        var previews = Sent(sender, "BatchPreview.");
        var parentsBeforeRelease = Sent(sender, "Parent.").Count;

        await context.Get<BatchJob>().HoldAsync(school, batch.Id, "checking Year 9 grades", CancellationToken.None);
        var releasedByItself = await context.Get<BatchJob>().ReleaseDueAsync(school, s_releaseDay, CancellationToken.None);
        await context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);
        var parentsWhileHeld = Sent(sender, "Parent.").Count;
        var held = (await context.Get<BatchJob>().ListAsync(school, CancellationToken.None)).Single();

        var releases = await Task.WhenAll(
            Task.Run(() => context.Get<BatchJob>().ReleaseAsync(school, batch.Id, includeStale: false, CancellationToken.None)),
            Task.Run(() => context.Get<BatchJob>().ReleaseAsync(school, batch.Id, includeStale: false, CancellationToken.None)));
        await Task.WhenAll(
            Task.Run(() => context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None)),
            Task.Run(() => context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None)));
        var parents = Sent(sender, "Parent.");
        var after = (await context.Get<BatchJob>().ListAsync(school, CancellationToken.None)).Single();

        Assert.NotEmpty(previews);
        Assert.Equal(0, parentsBeforeRelease);
        Assert.Empty(releasedByItself);
        Assert.Equal((BatchState.Held, 0), (held.State, parentsWhileHeld));
        Assert.True(releases.Sum(r => r.Queued) >= batch.Messages, "the messages are queued at least once between the two releases");
        Assert.Equal(batch.Messages, parents.Count);
        Assert.Equal(parents.Count, parents.Select(m => (m.ReportId, m.RecipientId)).Distinct().Count());
        Assert.Equal((BatchState.Sent, batch.Messages), (after.State, after.Sent));
    }

    [Fact]
    public async Task Batch_NotHeldOnAzure_GoesByItselfOnItsDayAndNotBefore()
    {
        // Run on the day the autumn-end snapshot is due: its batch is prepared in time, so it is not held as late.
        var (context, sender, school) = await PreparedAsync(s_autumnEndDue, s_autumnEndRelease);

        var dayBefore = await context.Get<BatchJob>().ReleaseDueAsync(school, s_autumnEndRelease.AddDays(-1), CancellationToken.None);
        var onTheDay = await context.Get<BatchJob>().ReleaseDueAsync(school, s_autumnEndRelease, CancellationToken.None);
        var again = await context.Get<BatchJob>().ReleaseDueAsync(school, s_autumnEndRelease, CancellationToken.None);
        await context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.Empty(dayBefore);
        var released = Assert.Single(onTheDay);
        Assert.Empty(again);
        Assert.Equal(released.Queued, Sent(sender, "Parent.").Count);
        Assert.True(released.Queued > 0);
    }

    private Task<(JobPorts Context, RecordingSender Sender, string School)> PreparedAsync() => PreparedAsync(JobsFixture.AsOf, s_releaseDay);

    private async Task<(JobPorts Context, RecordingSender Sender, string School)> PreparedAsync(DateOnly asOf, DateOnly releaseDay)
    {
        var export = IntegrityRun.NewExport(pupils: 14);
        var school = "az-" + Guid.NewGuid().ToString("N")[..10];
        export.SetSchoolJson("schoolId", school);
        var azure = AzureStorage.FromConnectionString(await Azurite.ConnectionStringAsync());
        var sender = new RecordingSender();
        var context = new JobPorts(cosmos.Storage.Documents, azure.Blobs, azure.Queue, sender, new TitleRenderer(), TimeProvider.System);
        await context.Get<IngestJob>().RunAsync(school, "export.zip", new MemoryStream(export.Zip()), CancellationToken.None);
        var snapshot = await context.Get<SnapshotJob>().RunDueAsync(school, asOf, CancellationToken.None);
        Assert.NotNull(snapshot.Batch);
        Assert.Equal(releaseDay, snapshot.Batch.ReleaseOn);
        return (context, sender, school);
    }

    private static List<Core.Email.EmailMessage> Sent(RecordingSender sender, string reportPrefix) =>
        [.. sender.Sent.Where(m => m.ReportId?.StartsWith(reportPrefix, StringComparison.Ordinal) == true)];
}
