using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Integration.Tests.Jobs;

public class RunDueTests
{
    [Fact]
    public async Task RunAsync_TwiceInARow_SecondRunDoesNothing()
    {
        using var fixture = new JobsFixture();
        await Upload(fixture, JobsFixture.Generate(pupils: 25));

        var first = await fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);
        var second = await fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Contains(first.Steps, s => s.Step == "ingest" && s.Outcome.Contains("pupils added", StringComparison.Ordinal));
        Assert.True(first.Dispatch.Completed > 0);
        Assert.Contains(second.Steps, s => s.Step == "ingest" && s.Outcome.Contains("already imported", StringComparison.Ordinal));
        Assert.Contains(second.Steps, s => s.Outcome.Contains("already ran", StringComparison.Ordinal));
        Assert.Contains(second.Steps, s => s.Outcome.Contains("0 snapshots taken", StringComparison.Ordinal));
        Assert.Equal((0, 0, 0, 0), (second.Dispatch.Completed, second.Dispatch.Retried, second.Dispatch.Poisoned, second.Dispatch.Sent));
    }

    [Fact]
    public async Task RunAsync_ExportsStoredOnEarlierDays_OneLineForThemAll()
    {
        using var fixture = new JobsFixture();
        foreach (var (day, name) in new[] { (1, "monday.zip"), (2, "tuesday.zip"), (3, "wednesday.zip") })
        {
            var school = JobsFixture.Generate(pupils: 10, asOf: new DateOnly(2025, 12, day));
            await fixture.Context.Blobs.PutAsync(BlobPath.Parse($"{JobResources.ExportsContainer}/{JobsFixture.School}/{name}"), new MemoryStream(JobsFixture.Zip(school)), "application/zip");
            await fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        var next = await fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);

        var ingest = Assert.Single(next.Steps, s => s.Step == "ingest");
        Assert.Equal("3 exports already imported; nothing to do", ingest.Outcome);
    }

    [Fact]
    public async Task RunAsync_ThreeSchools_EachSchoolsStepsInOrderAndSchoolsInOrder()
    {
        using var fixture = new JobsFixture();
        string[] schools = ["100001", "100002", "100003"];
        foreach (var (id, k) in schools.Select((id, k) => (id, k)))
        {
            var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 12, 20 + k, JobsFixture.AsOf) { Urn = id });
            await fixture.Context.Blobs.PutAsync(BlobPath.Parse($"{JobResources.ExportsContainer}/{id}/export.zip"), new MemoryStream(JobsFixture.Zip(school)), "application/zip");
        }

        var result = await fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);

        string[] jobsOfASchool = [nameof(SchoolJobKind.CheckAttendance), nameof(SchoolJobKind.TakeSnapshots)];
        var ingests = result.Steps.Where(s => s.Step == "ingest").ToList();
        var jobs = result.Steps.Where(s => s.Step != "ingest").ToList();
        Assert.Equal(schools, ingests.Select(s => s.SchoolId));
        Assert.All(ingests, s => Assert.Contains("pupils added", s.Outcome, StringComparison.Ordinal));
        Assert.Equal(schools.SelectMany(id => jobsOfASchool.Select(step => (id, step))), jobs.Select(s => (s.SchoolId, s.Step)));
        Assert.All(jobs.Where(s => s.Step == nameof(SchoolJobKind.CheckAttendance)), s => Assert.StartsWith("checked", s.Outcome, StringComparison.Ordinal));
        Assert.Equal(0, result.Dispatch.Poisoned);
    }

    [Theory]
    [InlineData("2025-12-06", "is not a school day", false)]   // Saturday
    [InlineData("2025-09-01", "is not a school day", false)]   // INSET day
    [InlineData("2026-12-01", "the school calendar has no terms in 2026/27 (school.json has 2025/26)", true)]   // a Tuesday after the calendar ends
    public async Task RunAsync_DayWithoutSchool_RunsNoAttendanceCheck(string date, string expected, bool needsSomeone)
    {
        using var fixture = new JobsFixture();
        var asOf = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        await Upload(fixture, JobsFixture.Generate(pupils: 10));

        var result = await fixture.Context.Get<RunDue>().RunAsync(asOf, TimeSpan.FromMinutes(1), CancellationToken.None);

        var check = Assert.Single(result.Steps, s => s.Step == nameof(SchoolJobKind.CheckAttendance));
        Assert.Contains(expected, check.Outcome, StringComparison.Ordinal);
        Assert.Equal(needsSomeone, check.NeedsSomeone);
    }

    [Fact]
    public async Task RunAsync_ExportUnderAnotherSchool_TheIngestStepNeedsSomeone()
    {
        using var fixture = new JobsFixture();
        await fixture.Context.Blobs.PutAsync(BlobPath.Parse($"{JobResources.ExportsContainer}/100999/export.zip"),
            new MemoryStream(JobsFixture.Zip(JobsFixture.Generate(pupils: 5))), "application/zip");

        var result = await fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);

        var ingest = Assert.Single(result.Steps, s => s.Step == "ingest");
        Assert.Contains("not school 100999", ingest.Outcome, StringComparison.Ordinal);
        Assert.True(ingest.NeedsSomeone);
    }

    [Fact]
    public async Task RunAsync_FirstDayOfTheYear_ChecksWithNoSnapshotDue()
    {
        using var fixture = new JobsFixture();
        var firstDay = new DateOnly(2025, 9, 3);
        await Upload(fixture, JobsFixture.Generate(pupils: 10, asOf: firstDay));

        var result = await fixture.Context.Get<RunDue>().RunAsync(firstDay, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Contains(result.Steps, s => s.Step == nameof(SchoolJobKind.CheckAttendance) && s.Outcome.StartsWith("checked", StringComparison.Ordinal));
        Assert.Contains(result.Steps, s => s.Step == nameof(SchoolJobKind.TakeSnapshots) && s.Outcome == "no snapshot is due yet");
    }

    [Fact]
    public async Task RunAsync_DayAfterMissedSnapshots_CatchesUpButReportsOnlyTheLatest()
    {
        using var fixture = new JobsFixture();
        var spring = new DateOnly(2026, 3, 20);
        await Upload(fixture, JobsFixture.Generate(pupils: 15, asOf: spring));

        var result = await fixture.Context.Get<RunDue>().RunAsync(spring, TimeSpan.FromMinutes(1), CancellationToken.None);
        var parentsOnTheDay = await SentAsync(fixture, "Parent.");
        // Two school days of review later (Friday 20 March -> Tuesday 24 March) the batch goes by itself.
        var later = await fixture.Context.Get<RunDue>().RunAsync(new DateOnly(2026, 3, 24), TimeSpan.FromMinutes(1), CancellationToken.None);

        var snapshots = Assert.Single(result.Steps, s => s.Step == nameof(SchoolJobKind.TakeSnapshots)).Outcome;
        Assert.Contains("4 snapshots taken (2025-26-autumn-start, 2025-26-autumn-end, 2025-26-spring-start, 2025-26-spring-end)", snapshots);
        Assert.Contains("parent reports prepared as batch parents-2025-26-spring-end", snapshots);
        Assert.Empty(parentsOnTheDay);
        Assert.Contains(later.Steps, s => s.Outcome.Contains("batch parents-2025-26-spring-end released", StringComparison.Ordinal));
        var sent = new List<string>();
        await foreach (var record in fixture.Context.Documents.ListAsync<Core.Jobs.Stored.SendRecord>(JobsFixture.School, Core.Jobs.Stored.DocumentTypes.Sent))
        {
            sent.Add(record.Body.ReportId);
        }

        Assert.Contains(sent, id => id.StartsWith("Parent.2025-26-spring-end", StringComparison.Ordinal));
        // The daily check's own messages (digests, the call list, the week's mentor digests and summary, and the notice that
        // Monday's export is missing) are not snapshot reports.
        string[] daily = ["AttendanceDigest.", "CallList.", "MentorDigest.", "WeeklySummary.", "ExportOverdue."];
        Assert.All(sent.Where(id => !daily.Any(d => id.StartsWith(d, StringComparison.Ordinal))), id => Assert.Contains("2025-26-spring-end", id));
    }

    /// <remarks>
    /// With run-due once a day, a step passed over because an import held the school meant that day's call list and
    /// digests never went out: each such step is reported not done, needing someone, and a run after the import does it.
    /// </remarks>
    [Fact]
    public async Task RunAsync_SchoolBeingImported_ItsStepsNotDoneUntilRunAgainAfterTheImport()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 10)));
        var free = await fixture.Context.Documents.ReadAsync<ImportLockState>(JobsFixture.School, Core.Jobs.Stored.DocumentTypes.ImportLock, ImportLock.Id);
        var importing = free!.Body with { Holder = "another-import", HeldUntil = fixture.Clock.GetUtcNow().AddMinutes(10), Writing = new ImportRef("cd34", "monday.zip") };
        await fixture.Context.Documents.UpsertAsync(free with { Body = importing });

        var during = await fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);
        await fixture.Context.Documents.UpsertAsync(free);
        var after = await fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);

        string[] jobsOfASchool = [nameof(SchoolJobKind.CheckAttendance), nameof(SchoolJobKind.TakeSnapshots)];
        Assert.Equal(jobsOfASchool, during.Steps.Select(s => s.Step));
        Assert.All(during.Steps, s =>
        {
            Assert.Contains("school 100001 is being imported (monday.zip)", s.Outcome, StringComparison.Ordinal);
            Assert.Equal((true, true), (s.NotDone, s.NeedsSomeone));
        });
        Assert.Equal(jobsOfASchool, after.Steps.Select(s => s.Step));
        Assert.All(after.Steps, s => Assert.False(s.NotDone));
        Assert.StartsWith("checked", after.Steps[0].Outcome, StringComparison.Ordinal);
    }

    private static async Task<List<string>> SentAsync(JobsFixture fixture, string prefix) =>
        await fixture.Context.Documents.ListAsync<Core.Jobs.Stored.SendRecord>(JobsFixture.School, Core.Jobs.Stored.DocumentTypes.Sent)
            .Select(r => r.Body.ReportId).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).ToListAsync();

    private static async Task Upload(JobsFixture fixture, Synthetic.SyntheticSchool school) =>
        await fixture.Context.Blobs.PutAsync(BlobPath.Parse($"{JobResources.ExportsContainer}/{JobsFixture.School}/export.zip"), new MemoryStream(JobsFixture.Zip(school)), "application/zip");

    /// <summary>An export waits in mis-exports while another import holds the school: run-due should report that step
    /// (not done, needs someone) and go on with the other schools and dispatch, as it now does for the job steps.</summary>
    [Fact]
    public async Task RunAsync_NewExportWhileAnotherImportHoldsTheSchool_StepNotDoneAndTheRunGoesOn()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 10)));
        var free = await fixture.Context.Documents.ReadAsync<ImportLockState>(JobsFixture.School, DocumentTypes.ImportLock, ImportLock.Id);
        await fixture.Context.Documents.UpsertAsync(free! with { Body = free.Body with { Holder = "another-import", HeldUntil = fixture.Clock.GetUtcNow().AddHours(1), Writing = new ImportRef("cd34", "monday.zip") } });
        await fixture.Context.Blobs.PutAsync(BlobPath.Parse($"{JobResources.ExportsContainer}/{JobsFixture.School}/tuesday.zip"),
            new MemoryStream(JobsFixture.Zip(JobsFixture.Generate(pupils: 11))), "application/zip");

        var run = fixture.Context.Get<RunDue>().RunAsync(JobsFixture.AsOf, TimeSpan.FromMinutes(1), CancellationToken.None);
        // The lock wait (2 minutes) is counted on the fixture's clock.
        while (!run.IsCompleted)
        {
            await Task.Delay(200);
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var result = await run;
        var step = Assert.Single(result.Steps, s => s.Step == "ingest");
        Assert.True(step.NotDone && step.NeedsSomeone, step.Outcome);
        Assert.Contains("being imported", step.Outcome, StringComparison.Ordinal);
    }
}
