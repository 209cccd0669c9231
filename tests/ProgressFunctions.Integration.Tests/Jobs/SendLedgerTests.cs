using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Integration.Tests.Integrity;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>
/// <c>progress not-sent</c> tells the data managers which pupils' families a batch reached no one in: a contact refused
/// at send must not count a pupil as reached by no one when the report went to another parent of theirs.
/// </summary>
public class SendLedgerTests
{
    private const string Batch = "parents-2025-26-autumn-start";

    /// <summary>One parent restricted by a court order after the batch was released, before it went: the other parent still got the report.</summary>
    [Fact]
    public async Task NotReachedAsync_OneParentRefusedAtSendTheOtherSent_PupilStillReached()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        var (pupilUpn, refusedRow) = ChildWithTwoParentsWrittenTo(export);
        var refusedId = export.Contacts.Get(refusedRow, "Contact ID");
        await run.IngestAsync(export.Zip(), "monday.zip");
        await run.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        await run.Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, Batch, includeStale: false, CancellationToken.None);
        // Released, not yet sent: an export restricts one parent, so that parent's message is refused at send.
        export.Contacts.Set(refusedRow, "Restriction", "Court order");
        export.SetSchoolJson("exportedAt", "2025-12-06T08:00:00Z");
        await run.IngestAsync(export.Zip(), "tuesday.zip");
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        var notReached = (await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, Batch, CancellationToken.None))!;

        var refused = Assert.Single(notReached, n => n.ContactId == refusedId && n.Stage == "refused at send");
        Assert.Equal(pupilUpn, refused.Upn);
        Assert.True(refused.PupilReached, "the pupil's report went to their other parent");
        Assert.DoesNotContain(notReached, n => n.Upn == pupilUpn && !n.PupilReached);
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }

    /// <summary>A parent's address changed after the release: refused at send, then sent at the new address when the batch is released again.</summary>
    [Fact]
    public async Task NotReachedAsync_RefusedAtSendThenSentOnReleaseAgain_PupilReached()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        var (pupilUpn, movedRow) = ChildWithTwoParentsWrittenTo(export);
        var movedId = export.Contacts.Get(movedRow, "Contact ID");
        await run.IngestAsync(export.Zip(), "monday.zip");
        await run.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        await run.Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, Batch, includeStale: false, CancellationToken.None);
        export.Contacts.Set(movedRow, "Email", "new.address@home.example");
        // The other parent is restricted too, so only the moved parent's message, sent on the second release, reaches the pupil.
        var otherRow = export.Contacts.Where("Pupil UPN", pupilUpn).Single(r => r != movedRow && MaySend(export, r));
        export.Contacts.Set(otherRow, "Restriction", "Court order");
        export.SetSchoolJson("exportedAt", "2025-12-06T08:00:00Z");
        await run.IngestAsync(export.Zip(), "tuesday.zip");
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);
        await run.Context.Get<BatchJob>().ReleaseAsync(JobsFixture.School, Batch, includeStale: false, CancellationToken.None);
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        var notReached = (await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, Batch, CancellationToken.None))!;

        Assert.Single(run.Sender.Sent, m => m.To.Single().Address == "new.address@home.example");
        Assert.Contains(notReached, n => n.ContactId == movedId && n.Stage == "refused at send");
        Assert.Contains(notReached, n => n.ContactId == export.Contacts.Get(otherRow, "Contact ID") && n.Stage == "refused at send");
        Assert.DoesNotContain(notReached, n => n.Upn == pupilUpn && !n.PupilReached);
        Assert.True(RoutingInvariant.AssertHolds(export, run.Sender.Sent) > 0);
    }

    private static bool MaySend(EditableExport export, int row) => export.Contacts.Get(row, "Email").Length > 0
        && export.Contacts.Get(row, "Parental Responsibility") == "Y" && export.Contacts.Get(row, "Receives Correspondence") != "N"
        && export.Contacts.Get(row, "Restriction").Length == 0;

    /// <summary>A pupil with exactly two contacts the school writes to, at two addresses, neither linked to another pupil; and one of those rows.</summary>
    private static (string Upn, int Row) ChildWithTwoParentsWrittenTo(EditableExport export)
    {
        var contacts = export.Contacts;
        var row = Enumerable.Range(0, contacts.Rows.Count).First(i =>
        {
            var family = contacts.Where("Pupil UPN", contacts.Get(i, "Pupil UPN")).Where(r => MaySend(export, r)).ToList();
            return MaySend(export, i) && family.Count == 2
                && !string.Equals(contacts.Get(family[0], "Email"), contacts.Get(family[1], "Email"), StringComparison.OrdinalIgnoreCase)
                && family.All(r => contacts.Where("Contact ID", contacts.Get(r, "Contact ID")).Count() == 1);
        });
        return (contacts.Get(row, "Pupil UPN"), row);
    }
}
