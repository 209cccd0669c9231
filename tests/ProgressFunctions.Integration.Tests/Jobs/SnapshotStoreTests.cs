using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;

namespace ProgressFunctions.Integration.Tests.Jobs;

public class SnapshotStoreTests
{
    [Fact]
    public async Task SaveAsync_SchoolLargerThanOnePart_LoadsBackEqual()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 450)));
        var result = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var id = Assert.Single(result.Taken);

        var header = await SnapshotStore.ReadHeaderAsync(fixture.Context.Documents, JobsFixture.School, id, CancellationToken.None);
        var loaded = await SnapshotStore.LoadAsync(fixture.Context.Documents, JobsFixture.School, id, CancellationToken.None);
        await SnapshotStore.SaveAsync(fixture.Context.Documents, JobsFixture.School, "copy", loaded!, CancellationToken.None);
        var copy = await SnapshotStore.LoadAsync(fixture.Context.Documents, JobsFixture.School, "copy", CancellationToken.None);

        Assert.Equal(3, header!.Parts);
        Assert.True(header.ReportsQueued);
        Assert.InRange(loaded!.Pupils.Count, 401, 450);
        Assert.Equal(loaded, copy);
        Assert.Equal(loaded.Pupils.Select(p => p.PupilId).Order(StringComparer.Ordinal), loaded.Pupils.Select(p => p.PupilId));
    }

    [Fact]
    public async Task RunDueAsync_StoredMarksEndBeforeTheSnapshotsDataTo_WaitsForTheExportThenTakesIt()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20, asOf: new DateOnly(2026, 3, 4))), "4-march.zip");

        var early = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, new DateOnly(2026, 3, 30), CancellationToken.None);
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20, asOf: new DateOnly(2026, 3, 27))), "27-march.zip");
        var later = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, new DateOnly(2026, 3, 30), CancellationToken.None);

        Assert.Contains("the Spring End snapshot waits for marks to 2026-03-13 (the stored marks end on 2026-03-04)", early.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2025-26-spring-end", early.Taken);
        Assert.Null(early.Batch);
        Assert.False(early.Ran);
        Assert.Contains("2025-26-spring-end", later.Taken);
        Assert.NotNull(later.Batch);
        var snapshot = await SnapshotStore.LoadAsync(fixture.Context.Documents, JobsFixture.School, "2025-26-spring-end", CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 3, 13), snapshot!.AsOf);
    }

    [Fact]
    public async Task RunDueAsync_SecondTime_TakesNothingAndQueuesNothing()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20)));

        var first = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var second = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);

        Assert.NotEmpty(first.Taken);
        Assert.Empty(second.Taken);
        Assert.Equal(0, second.ReportsQueued);
        Assert.Equal(first.Taken, second.AlreadyTaken);
    }

    [Fact]
    public async Task RunDueAsync_EverythingDueAlreadyTaken_ReadsNoPupilsDocuments()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20)));
        var first = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var documents = new Cost.MeteredDocuments(fixture.Context.Documents);
        using var context = fixture.Context with { Documents = documents };

        var second = await context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);

        Assert.NotEmpty(first.Taken);
        Assert.Equal(first.Taken, second.AlreadyTaken);
        Assert.Equal($"0 snapshots taken, {first.Taken.Count} already taken; 0 staff reports queued", second.Message);
        Assert.DoesNotContain(documents.Calls, c => c.Type is DocumentTypes.Pupil or DocumentTypes.Progress or DocumentTypes.Attendance or DocumentTypes.Contact);
    }

    [Fact]
    public async Task RunDueAsync_LatestReportsNotYetDecided_LoadsTheSchoolAndDecidesThem()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 20)));
        var first = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var latest = first.Taken[^1];
        var header = await fixture.Context.Documents.ReadAsync<StoredSnapshot>(JobsFixture.School, DocumentTypes.Snapshot, latest);
        await fixture.Context.Documents.UpsertAsync(header! with { Body = header.Body with { ReportsQueued = false } });

        var again = await fixture.Context.Get<SnapshotJob>().RunDueAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);

        Assert.Equal(first.Taken, again.AlreadyTaken);
        Assert.True((await SnapshotStore.ReadHeaderAsync(fixture.Context.Documents, JobsFixture.School, latest, CancellationToken.None))!.ReportsQueued);
        Assert.Equal(first.ReportsQueued, again.ReportsQueued);
    }
}
