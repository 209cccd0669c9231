using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>Crash replays and partial inputs: the paths where a retry or a partial export could lose or repeat work.</summary>
public class ReviewFindingsTests
{
    [Fact]
    public async Task Check_CrashAfterAlertStatesBeforeRunRecord_RerunKeepsTheDaysAlertsAndDigests()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30)));
        var first = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        // The crash: the run record was never written.
        await fixture.Context.Documents.DeleteAsync(JobsFixture.School, DocumentTypes.CheckRun, "2025-12-05");

        var rerun = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var day = await fixture.Context.Documents.ReadAsync<AlertDay>(JobsFixture.School, DocumentTypes.AlertDay, "2025-12-05");
        var drained = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Null(drained.LastError);
        Assert.NotEmpty(first.Alerts);
        Assert.Equal(first.Alerts.Count, rerun.Alerts.Count);
        Assert.Equal(first.Alerts.Count, day!.Body.Alerts.Count);
        var digests = Directory.GetFiles(fixture.OutboxDirectory, "AttendanceDigest.*.eml");
        Assert.Equal(first.DigestsQueued, digests.Length);
        // The rerun decides the digests and the call list again (same ids, each sent once); the week's messages were
        // decided once, since the first run wrote the week's record.
        var callLists = Directory.GetFiles(fixture.OutboxDirectory, "CallList.*.eml");
        var weekly = Directory.GetFiles(fixture.OutboxDirectory, "*.eml").Count(f => Path.GetFileName(f).StartsWith("MentorDigest.", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("WeeklySummary.", StringComparison.Ordinal));
        Assert.Single(callLists);
        Assert.NotEqual(0, weekly);
        Assert.Equal((2 * (first.DigestsQueued + callLists.Length)) + weekly, drained.Completed);
    }

    [Fact]
    public async Task Ingest_BadPupilRowThenCtf_NobodyIsMarkedAsLeaver()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 20);
        await fixture.IngestAsync(JobsFixture.Zip(school));
        var files = Unzip(JobsFixture.Zip(school));
        var lines = System.Text.Encoding.UTF8.GetString(files["pupils.csv"]).Split('\n').ToList();
        lines[1] = "X" + lines[1][1..];   // a wrong UPN check letter: the row is rejected
        files["pupils.csv"] = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines));

        var partial = await fixture.IngestAsync(Core.Imports.Bundle.BundleZip.Create(files.Select(f => (f.Key, f.Value))), "bad-row.zip");
        var ctf = new MemoryStream();
        Synthetic.CtfWriter.Write(JobsFixture.Generate(pupils: 3, seed: 99), ctf, new DateTime(2025, 12, 5, 0, 0, 0, DateTimeKind.Utc));
        var transfer = await fixture.IngestAsync(ctf.ToArray(), "transfer.xml");

        Assert.True(partial.Errors > 0);
        Assert.Equal(0, partial.Summary!.LeaversMarked);
        Assert.Equal(0, transfer.Summary!.LeaversMarked);
        var state = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.All(school.Pupils.Where(p => p.LeavingDate is null), p => Assert.Null(state.Pupils[p.Id].Pupil.LeavingDate));
    }

    [Fact]
    public async Task Ingest_SameNameDifferentErrors_BothReachTheDataManagers()
    {
        using var fixture = new JobsFixture();
        var school = JobsFixture.Generate(pupils: 15);
        var first = await fixture.IngestAsync(WithBadAttendanceRow(school, "2025-12-01"), "export.zip");
        var second = await fixture.IngestAsync(WithBadAttendanceRow(school, "2025-12-02"), "export.zip");

        var drained = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.NotEqual(first.RejectedPath, second.RejectedPath);
        Assert.Equal(2, drained.Completed);
        Assert.Equal(2, Directory.GetFiles(fixture.OutboxDirectory, "ImportErrors.*.eml").Length);
    }

    [Fact]
    public async Task Ingest_ExportSaysWhenItWasMade_MarksCarryThatTimeNotTheUploadTime()
    {
        using var fixture = new JobsFixture();
        var files = Unzip(JobsFixture.Zip(JobsFixture.Generate(pupils: 5)));
        var json = System.Text.Json.Nodes.JsonNode.Parse(files["school.json"])!.AsObject();
        json["exportedAt"] = "2025-11-28T16:30:00Z";
        files["school.json"] = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());

        await fixture.IngestAsync(Core.Imports.Bundle.BundleZip.Create(files.Select(f => (f.Key, f.Value))));

        var state = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.All(state.Attendance, year => Assert.Equal([new DateTimeOffset(2025, 11, 28, 16, 30, 0, TimeSpan.Zero)], year.Stamps));
    }

    [Theory]
    [InlineData(1, false)]    // a live claim: another worker is sending, back off
    [InlineData(11, true)]    // older than the 10-minute lease: that worker stopped, take over and send
    public async Task Dispatch_ClaimedByAnotherWorker_BacksOffUntilTheLeaseRunsOut(int claimedMinutesAgo, bool sends)
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20)));
        await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var message = (await fixture.Context.Queue.ReceiveAsync(JobResources.ReportRequestsQueue, 1, TimeSpan.FromMinutes(1)))[0];
        var request = QueueMessages.Read<SendRequest>(message.Body).Message!;
        var outgoing = (await fixture.Context.Get<OutgoingStore>().ReadAsync(JobsFixture.School, request.OutgoingId, CancellationToken.None))!;
        var claimedAt = fixture.Clock.GetUtcNow().AddMinutes(-claimedMinutesAgo);
        await fixture.Context.Documents.CreateIfAbsentAsync(new Document<SendRecord>(JobsFixture.School, DocumentTypes.Sent, outgoing.Id,
            new SendRecord(outgoing.ReportId, outgoing.Recipient.Id, claimedAt, "", "") { Status = SendStatus.Claimed }));

        var attempt = () => fixture.Context.Get<DispatchJob>().HandleAsync(request, CancellationToken.None);

        if (sends)
        {
            Assert.Equal(1, (await attempt()).Sent);
        }
        else
        {
            var held = await attempt();
            Assert.Equal(0, held.Sent);
            Assert.NotNull(held.RetryAfter);
        }
    }

    [Fact]
    public async Task Drain_RequestUnderAnEarlierAttemptsClaim_CountedAsDeferredNotLost()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20)));
        await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var outgoing = (await fixture.Context.Documents.ListAsync<OutgoingMessage>(JobsFixture.School, DocumentTypes.Outgoing).FirstAsync()).Body;
        await fixture.Context.Documents.CreateIfAbsentAsync(new Document<SendRecord>(JobsFixture.School, DocumentTypes.Sent, outgoing.Id,
            new SendRecord(outgoing.ReportId, outgoing.Recipient.Id, fixture.Clock.GetUtcNow().AddMinutes(-1), "", "") { Status = SendStatus.Claimed }));

        var result = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal((1, 0), (result.Deferred, result.Poisoned));
        Assert.True(result.Sent > 0);
    }

    [Fact]
    public async Task Drain_MalformedRequest_PoisonedAtOnce()
    {
        using var fixture = new JobsFixture();
        await fixture.Context.Queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue);
        await fixture.Context.Queue.SendAsync(JobResources.ReportRequestsQueue, """{"schoolId":"100001","kind":"dance"}""");

        var result = await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal((0, 0, 1), (result.Completed, result.Retried, result.Poisoned));
        var poison = Assert.Single(await fixture.Context.Queue.ReceiveAsync(QueueNames.Poison(JobResources.ReportRequestsQueue), 10, TimeSpan.FromMinutes(1)));
        Assert.Contains("malformed SendRequest", PoisonMessage.FromJson(poison.Body).LastError);
    }

    private static byte[] WithBadAttendanceRow(Synthetic.SyntheticSchool school, string date)
    {
        var files = Unzip(JobsFixture.Zip(school));
        files["attendance.csv"] = [.. files["attendance.csv"], .. System.Text.Encoding.UTF8.GetBytes($"NOT-A-UPN,{date},AM,/,\n")];
        return Core.Imports.Bundle.BundleZip.Create(files.Select(f => (f.Key, f.Value)));
    }

    private static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
