using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Integration.Tests.Integrity;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Sending;

/// <summary>Corrections made in the MIS while a batch waits for review reach the families when it is released.</summary>
public class BatchReroutingTests
{
    private const string Batch = "parents-2025-26-autumn-start";

    [Fact]
    public async Task ReleaseAsync_AddressGivenAndCorrectedDuringReview_BothFamiliesSentAtTheNewAddresses()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        var contacts = export.Contacts;
        bool MaySend(int i) => contacts.Get(i, "Parental Responsibility") == "Y" && contacts.Get(i, "Receives Correspondence") != "N" && contacts.Get(i, "Restriction").Length == 0;
        // A family with one contact who may be written to: with no address, nobody in it is reached.
        var lone = Enumerable.Range(0, contacts.Rows.Count).First(i => MaySend(i) && contacts.Get(i, "Email").Length > 0
            && contacts.Where("Pupil UPN", contacts.Get(i, "Pupil UPN")).Count(MaySend) == 1 && contacts.Where("Contact ID", contacts.Get(i, "Contact ID")).Count() == 1);
        var corrected = Enumerable.Range(0, contacts.Rows.Count).First(i => i != lone && MaySend(i) && contacts.Get(i, "Email").Length > 0);
        var (loneId, correctedId) = (contacts.Get(lone, "Contact ID"), contacts.Get(corrected, "Contact ID"));
        contacts.Set(lone, "Email", "");
        await run.IngestAsync(export.Zip(), "monday.zip");
        await run.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var prepared = (await run.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None)).Single().Batch;

        // The review: the data manager gives the lone contact an address and corrects another.
        contacts.Set(lone, "Email", "found.at.last@home.example");
        foreach (var row in contacts.Where("Contact ID", correctedId))
        {
            contacts.Set(row, "Email", "corrected@home.example");
        }

        await run.IngestAsync(export.Zip(), "tuesday.zip");
        var released = await run.Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, Batch, includeStale: false, CancellationToken.None);
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.EndsWith("(decided again on the data imported since it was prepared: 1 family added, 1 address updated)", released.Message, StringComparison.Ordinal);
        Assert.Single(run.Sender.Sent, m => m.To.Single().Address == "found.at.last@home.example");
        Assert.Single(run.Sender.Sent, m => m.To.Single().Address == "corrected@home.example");
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
        Assert.DoesNotContain(await run.NotSentAsync(), n => n.RecipientId == loneId || n.RecipientId == correctedId);
        var after = (await run.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None)).Single();
        Assert.Equal((prepared.Messages + 1, prepared.NotReached - 1), (after.Batch.Messages, after.Batch.NotReached));
        Assert.Equal(Core.Sending.BatchState.Sent, after.State);
        var notReached = await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, Batch, CancellationToken.None);
        Assert.DoesNotContain(notReached!, n => n.ContactId == loneId);
    }

    /// <summary>An export during the review that lost most e-mail addresses: the release holds the batch, sends no family
    /// anything and says why; released with includeFewer, it goes to the families still reached.</summary>
    [Fact]
    public async Task ReleaseAsync_MostAddressesLostDuringReview_HeldUntilReleasedWithIncludeFewer()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        await run.IngestAsync(export.Zip(), "monday.zip");
        await run.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var prepared = (await run.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None)).Single().Batch;
        // Three contacts in four lose their address, on every row of theirs: a parent of two has one row per child.
        var contacts = export.Contacts;
        var ids = Enumerable.Range(0, contacts.Rows.Count).Select(i => contacts.Get(i, "Contact ID")).Distinct().ToList();
        var losing = ids.Where((_, n) => n % 4 != 0).ToHashSet(StringComparer.Ordinal);
        foreach (var row in Enumerable.Range(0, contacts.Rows.Count).Where(i => losing.Contains(contacts.Get(i, "Contact ID"))))
        {
            contacts.Set(row, "Email", "");
        }

        await run.IngestAsync(export.Zip(), "tuesday.zip");
        var refused = await run.Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, Batch, includeStale: false, CancellationToken.None);
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);
        var held = (await run.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None)).Single();
        var sentWhileHeld = run.Sender.Sent.Count(m => m.MessageKey.StartsWith("Parent.", StringComparison.Ordinal));
        var released = await run.Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, Batch, includeStale: false, includeFewer: true, CancellationToken.None);
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(BatchActionOutcome.HeldFewer, refused.Outcome);
        var reachedNow = (await run.Context.Get<SendLedger>().SentAsync(JobsFixture.School, Batch, null, CancellationToken.None)).SelectMany(e => e.Upns).Distinct().Count();
        Assert.Contains($"it reaches the families of {reachedNow} pupils where the one reviewed reached {prepared.Pupils}:", refused.Message, StringComparison.Ordinal);
        Assert.True(reachedNow > 0 && reachedNow < prepared.Pupils);
        Assert.Equal(Core.Sending.BatchState.Held, held.State);
        Assert.Equal((prepared.Pupils, prepared.NotReached), (held.Batch.Pupils, held.Batch.NotReached));
        Assert.Equal(0, sentWhileHeld);
        Assert.Equal(BatchActionOutcome.Done, released.Outcome);
        Assert.Contains(run.Sender.Sent, m => m.MessageKey.StartsWith("Parent.", StringComparison.Ordinal));
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }

    [Fact]
    public async Task ReleaseAsync_NothingChangedSinceTheDecision_SaysNothingOfADecisionAgain()
    {
        using var run = new IntegrityRun();
        await run.IngestAsync(IntegrityRun.NewExport(pupils: 12).Zip());
        await run.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);

        var released = await run.Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, Batch, includeStale: false, CancellationToken.None);

        Assert.Matches(@"^batch parents-2025-26-autumn-start released: \d+ messages queued$", released.Message);
    }
}
