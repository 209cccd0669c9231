using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Sending;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>Two parents of one child who give the MIS one e-mail address: the report reaches that inbox once, and the
/// parent not sent their own copy is listed with why.</summary>
public class SharedInboxTests
{
    [Fact]
    public async Task SnapshotAndSend_TwoParentsOfOneChildShareAnInbox_OneEmailAndTheOtherParentRecorded()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        var contacts = export.Contacts;
        bool MaySend(int i) => contacts.Get(i, "Parental Responsibility") == "Y" && contacts.Get(i, "Receives Correspondence") != "N"
            && contacts.Get(i, "Restriction").Length == 0 && contacts.Get(i, "Email").Contains('@');
        var family = Enumerable.Range(0, contacts.Rows.Count).Where(MaySend).GroupBy(i => contacts.Get(i, "Pupil UPN"))
            .First(g => g.Count() >= 2 && contacts.Where("Contact ID", contacts.Get(g.ElementAt(1), "Contact ID")).Count() == 1).ToList();
        var inbox = contacts.Get(family[0], "Email");
        contacts.Set(family[1], "Email", " " + inbox.ToUpperInvariant());
        var (first, second) = (contacts.Get(family[0], "Contact ID"), contacts.Get(family[1], "Contact ID"));

        Assert.Equal(IngestOutcome.Stored, (await run.IngestAsync(export.Zip())).Outcome);
        await run.SnapshotAndSendAsync();

        var toInbox = run.Sender.Sent.Where(m => m.ReportId?.StartsWith($"{ReportKind.Parent}.", StringComparison.Ordinal) == true
            && m.To.Any(t => string.Equals(t.Address, inbox, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.Equal(first, Assert.Single(toInbox).RecipientId);
        var batch = (await run.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None)).Single(b => b.Batch.Kind == BatchKind.ParentReports);
        var listed = await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, batch.Batch.Id, CancellationToken.None);
        var recorded = Assert.Single(listed!, e => e.ContactId == second);
        Assert.Equal($"same e-mail address as another parent (sent once, to contact {first} at the same address)", recorded.Reason);
        Assert.True(recorded.PupilReached);
        Assert.Empty(await run.NotSentAsync());
    }
}
