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
}
