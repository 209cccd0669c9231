using System.Text;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>Two uploads at once, a worker that dies mid-send, an export that cannot be read: nothing lost, nothing twice.</summary>
public class ConcurrencyAndCrashTests
{
    /// <summary>Two exports of one school, each with half the term's marks, ingested at the same moment.</summary>
    internal static (byte[] First, byte[] Second, int Marks) SplitAttendance(EditableExport export)
    {
        var attendance = export.Tables["attendance.csv"];
        var all = attendance.Rows.ToList();
        var cut = string.CompareOrdinal(all[all.Count / 2][1], "2025-10-01") < 0 ? "2025-10-01" : all[all.Count / 2][1];
        attendance.Rows.RemoveAll(r => string.CompareOrdinal(r[1], cut) >= 0);
        var first = export.Zip();
        attendance.Rows.Clear();
        attendance.Rows.AddRange(all.Where(r => string.CompareOrdinal(r[1], cut) >= 0));
        var second = export.Zip();
        attendance.Rows.Clear();
        attendance.Rows.AddRange(all);
        return (first, second, all.Count);
    }

    [Fact]
    public async Task Ingest_TwoExportsOfOneSchoolAtOnce_BothStoredInFullOneAfterTheOther()
    {
        using var run = new IntegrityRun();
        var (first, second, marks) = SplitAttendance(IntegrityRun.NewExport(pupils: 30));
        var overlapping = run.Context with { Documents = new RendezvousDocuments(run.Context.Documents, TimeSpan.FromSeconds(2)) };

        var results = await Task.WhenAll(
            Task.Run(() => overlapping.Get<IngestJob>().RunAsync(JobsFixture.School, "monday.zip", new MemoryStream(first), CancellationToken.None)),
            Task.Run(() => overlapping.Get<IngestJob>().RunAsync(JobsFixture.School, "tuesday.zip", new MemoryStream(second), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(IngestOutcome.Stored, r.Outcome));
        var state = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(marks, state.Registers(state.Calendar!).Values.Sum(r => r.Marks().Count()));
        Assert.Equal(IngestOutcome.AlreadyImported, (await run.IngestAsync(first, "monday-again.zip")).Outcome);
        var import = await ImportLock.ReadAsync(run.Context.Documents, JobsFixture.School, CancellationToken.None);
        Assert.Equal((2L, null, 0), (import.Generation, import.Holder, import.Incomplete.Count));
    }

    [Fact]
    public async Task Load_WhileAnImportIsWriting_RefusedAsBusyAndAnImportThatDiedMidWriteBlocksUntilItIsRerun()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 10).Zip();
        await run.IngestAsync(export);
        var held = await run.Context.Documents.ReadAsync<ImportLockState>(JobsFixture.School, DocumentTypes.ImportLock, ImportLock.Id);
        var writing = held!.Body with { Holder = "worker-that-died", HeldUntil = run.Fixture.Clock.GetUtcNow().AddMinutes(10), Writing = new ImportRef("ab12", "friday.zip") };
        await run.Context.Documents.UpsertAsync(held with { Body = writing });

        var busy = await Assert.ThrowsAsync<SchoolBusyException>(() => SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None));
        run.Fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        var incomplete = await Assert.ThrowsAsync<SchoolBusyException>(() => SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None));
        var snapshot = await Assert.ThrowsAsync<SchoolBusyException>(() => run.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None));

        Assert.Contains("is being imported (friday.zip): its import lock is held until 07:10 (time in England)", busy.Message);
        Assert.Contains("the import of friday.zip for school 100001 stopped part way; ingest that export again", incomplete.Message);
        Assert.Equal(incomplete.Message, snapshot.Message);
        Assert.Empty(await run.Context.Documents.ListAsync<Core.Progress.Snapshots.TermSnapshot>(JobsFixture.School, DocumentTypes.Snapshot).ToListAsync());
    }

    [Fact]
    public async Task Dispatch_WorkerDiedMidSend_RequeuedUntilTheLeaseEndsThenSentOnceNeverPoisoned()
    {
        using var run = new IntegrityRun();
        await run.IngestAsync(IntegrityRun.NewExport(pupils: 10).Zip());
        await run.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var queue = run.Context.Queue;
        var message = (await queue.ReceiveAsync(JobResources.ReportRequestsQueue, 1, TimeSpan.FromSeconds(1)))[0];
        var request = (await run.Context.Get<OutgoingStore>().ReadAsync(JobsFixture.School, QueueMessages.Read<SendRequest>(message.Body).Message!.OutgoingId, CancellationToken.None))!;
        // The worker claimed the send and died before sending.
        await run.Context.Documents.CreateIfAbsentAsync(new Document<SendRecord>(JobsFixture.School, DocumentTypes.Sent, request.Id,
            new SendRecord(request.ReportId, request.Recipient.Id, run.Fixture.Clock.GetUtcNow(), "", "") { Status = SendStatus.Claimed }));
        run.Fixture.Clock.Advance(TimeSpan.FromSeconds(2));

        // The host retries five times, 30 seconds apart (host.json); none of them may poison it.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var drained = await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(0, drained.Poisoned);
            run.Fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.DoesNotContain(run.Sender.Sent, m => m.RecipientId == request.Recipient.Id && m.ReportId == request.ReportId);
        run.Fixture.Clock.Advance(ReportDispatcher.ClaimLease);
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromSeconds(30), CancellationToken.None);
        run.Fixture.Clock.Advance(ReportDispatcher.ClaimLease);
        await run.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Single(run.Sender.Sent, m => m.RecipientId == request.Recipient.Id && m.ReportId == request.ReportId);
        Assert.Equal(0, await queue.CountAsync(QueueNames.Poison(JobResources.ReportRequestsQueue)));
    }

    [Fact]
    public async Task RunDue_UnreadableExport_MovedToRejectedWithItsReasonAndTheDataManagersTold()
    {
        using var run = new IntegrityRun();
        await run.IngestAsync(IntegrityRun.NewExport(pupils: 10).Zip());
        await run.Context.Blobs.PutAsync(BlobPath.Parse("mis-exports/100001/broken.zip"), new MemoryStream("PK\u0003\u0004 cut short"u8.ToArray()), "application/zip");

        var first = await run.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.Zero, CancellationToken.None);
        var second = await run.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.Zero, CancellationToken.None);

        Assert.Contains(first.Steps, s => s.Step == "ingest" && s.Outcome.Contains("moved to mis-exports-rejected/100001/broken.zip", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Steps, s => s.Step == "ingest");
        Assert.False(await run.Context.Blobs.ExistsAsync(BlobPath.Parse("mis-exports/100001/broken.zip")));
        Assert.True(await run.Context.Blobs.ExistsAsync(BlobPath.Parse("mis-exports-rejected/100001/broken.zip")));
        var reason = await run.Context.Blobs.ListAsync("mis-exports-rejected/100001/broken.zip.").SingleAsync();
        Assert.EndsWith(".reason.txt", reason.Path.Name, StringComparison.Ordinal);
        var told = run.Sender.Sent.Where(m => m.Categories.Contains("importerrors")).ToList();
        Assert.NotEmpty(told);
        Assert.All(told, m => Assert.Contains(m.Attachments, a => Encoding.UTF8.GetString(a.Content.Span).Contains("broken.zip was not imported", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Outbox_IdsThatSlugAlikeOrDifferInCase_EachFamilyGetsItsOwnFile()
    {
        using var fixture = new JobsFixture();
        const string report = "Parent.2025-26-autumn-end";
        var keys = new[] { "C-100", "C_100", "c-100", "C.100" }.Select(id => DispatchJob.MessageKey(DispatchJob.LedgerId(report, id))).ToList();
        var ledger = new[] { "a/b", "a:b", "a%2Fb", "a?b" }.Select(id => DispatchJob.LedgerId(report, id)).ToList();

        foreach (var key in keys)
        {
            await fixture.Outbox.SendAsync(new Core.Email.EmailMessage
            {
                MessageKey = key,
                To = [Core.Email.EmailAddress.Create($"{key.Length}-{keys.IndexOf(key)}@example.org")],
                Subject = "Report",
                TextBody = "Hello",
            }, CancellationToken.None);
        }

        Assert.Equal(4, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(4, ledger.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(4, Directory.GetFiles(fixture.OutboxDirectory, "*.eml").Length);
    }
}
