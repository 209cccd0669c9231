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
        var (_, first, second) = ShareAnInbox(export);
        export.Contacts.Set(export.Contacts.Where("Contact ID", second).Single(), "Title", "Dr");
        var inbox = export.Contacts.Get(export.Contacts.Where("Contact ID", first).Single(), "Email").Trim();

        Assert.Equal(IngestOutcome.Stored, (await run.IngestAsync(export.Zip())).Outcome);
        await run.SnapshotAndSendAsync();

        var toInbox = run.Sender.Sent.Where(m => m.ReportId?.StartsWith($"{ReportKind.Parent}.", StringComparison.Ordinal) == true
            && m.To.Any(t => string.Equals(t.Address, inbox, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.Equal(first, Assert.Single(toInbox).RecipientId);
        // One e-mail for both parents at the inbox greets both.
        string Name(string id) => export.Contacts.Where("Contact ID", id).Select(r => export.Contacts.Get(r, "Title") is { Length: > 0 } title
            ? $"{title} {export.Contacts.Get(r, "Surname")}" : $"{export.Contacts.Get(r, "Forename")} {export.Contacts.Get(r, "Surname")}").Single();
        Assert.StartsWith($"Dear {Name(first)} and {Name(second)},", toInbox[0].TextBody, StringComparison.Ordinal);
        var batch = (await run.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None)).Single(b => b.Batch.Kind == BatchKind.ParentReports);
        var listed = await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, batch.Batch.Id, CancellationToken.None);
        var recorded = Assert.Single(listed!, e => e.ContactId == second);
        Assert.Equal($"same e-mail address as another parent (sent once, to contact {first} at the same address)", recorded.Reason);
        Assert.True(recorded.PupilReached);
        Assert.Empty(await run.NotSentAsync());
    }

    [Fact]
    public async Task SnapshotAndSend_SharedInboxOfAChildWithNoDateOfBirthUnderProtectedReports_NoParentSaidToBeSentIt()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 30);
        export.SetSchoolJson("protectParentReports", true);
        var (upn, first, second) = ShareAnInbox(export);
        export.Pupils.Set(export.Pupils.Where("UPN", upn).Single(), "Date of Birth", "");

        Assert.Equal(IngestOutcome.Stored, (await run.IngestAsync(export.Zip())).Outcome);
        await run.SnapshotAndSendAsync();

        var batch = (await run.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None)).Single(b => b.Batch.Kind == BatchKind.ParentReports);
        var listed = (await run.Context.Get<SendLedger>().NotReachedAsync(JobsFixture.School, batch.Batch.Id, CancellationToken.None))!.Where(e => e.Upn == upn).ToList();
        Assert.Contains(listed, e => e.ContactId is null && !e.PupilReached && e.Reason.StartsWith("no date of birth", StringComparison.Ordinal));
        Assert.DoesNotContain(listed, e => e.Reason.StartsWith("same e-mail address", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Sender.Sent, m => m.RecipientId == first || m.RecipientId == second);
    }

    /// <summary>Gives a second parent of one pupil the first's address (other spaces and capitals); the pupil's UPN and the two contact ids, the one sent it first (the lower id: each has only this child).</summary>
    private static (string Upn, string First, string Second) ShareAnInbox(EditableExport export)
    {
        var contacts = export.Contacts;
        bool MaySend(int i) => contacts.Get(i, "Parental Responsibility") == "Y" && contacts.Get(i, "Receives Correspondence") != "N"
            && contacts.Get(i, "Restriction").Length == 0 && contacts.Get(i, "Email").Contains('@');
        var family = Enumerable.Range(0, contacts.Rows.Count).Where(MaySend).GroupBy(i => contacts.Get(i, "Pupil UPN"))
            .First(g => g.Count() >= 2 && g.All(i => contacts.Where("Contact ID", contacts.Get(i, "Contact ID")).Count() == 1)).ToList();
        contacts.Set(family[1], "Email", " " + contacts.Get(family[0], "Email").ToUpperInvariant());
        var ids = family.Take(2).Select(i => contacts.Get(i, "Contact ID")).Order(StringComparer.Ordinal).ToList();
        return (contacts.Get(family[0], "Pupil UPN"), ids[0], ids[1]);
    }
}
