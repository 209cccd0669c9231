using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Integration.Tests.Jobs;

public class SchoolStatesTests
{
    [Fact]
    public async Task LoadAsync_NoImportSince_SharesOneLoad()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 12)));
        var states = fixture.Context.Get<SchoolStates>();

        var first = await states.LoadAsync(JobsFixture.School, CancellationToken.None);
        var again = await states.LoadAsync(JobsFixture.School, CancellationToken.None);

        Assert.Same(first, again);
        Assert.Equal(12, first.Pupils.Count);
    }

    [Fact]
    public async Task LoadAsync_AfterAnotherImport_LoadsTheNewData()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 12)));
        var states = fixture.Context.Get<SchoolStates>();
        var before = await states.LoadAsync(JobsFixture.School, CancellationToken.None);

        // A second host (another process or Function App instance) imports: this host learns of it only from the store.
        using var other = fixture.Context with { };
        await other.Get<IngestJob>().RunAsync(JobsFixture.School, "bigger.zip", new MemoryStream(JobsFixture.Zip(JobsFixture.Generate(pupils: 15))), CancellationToken.None);
        var after = await states.LoadAsync(JobsFixture.School, CancellationToken.None);

        Assert.NotSame(before, after);
        Assert.Equal(12, before.Pupils.Count);
        Assert.True(after.Pupils.Count > before.Pupils.Count, $"{after.Pupils.Count} pupils after the second import");
        var fresh = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(fresh.Pupils.Keys.Order(), after.Pupils.Keys.Order());
        Assert.Equal(fresh.Attendance.Sum(a => a.Days.Count), after.Attendance.Sum(a => a.Days.Count));
    }

    [Fact]
    public async Task LoadAsync_TwoSchoolsWithTheSamePupilIds_EachGetsItsOwn()
    {
        using var fixture = new JobsFixture();
        foreach (var (id, seed) in new[] { ("100001", 1), ("100002", 2) })
        {
            var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 12, seed, JobsFixture.AsOf) { Urn = id });
            var stored = await fixture.Context.Get<IngestJob>().RunAsync(id, "export.zip", new MemoryStream(JobsFixture.Zip(school)), CancellationToken.None);
            Assert.Equal(IngestOutcome.Stored, stored.Outcome);
        }

        var states = fixture.Context.Get<SchoolStates>();

        var one = await states.LoadAsync(JobsFixture.School, CancellationToken.None);
        var two = await states.LoadAsync("100002", CancellationToken.None);

        var shared = one.Pupils.Keys.Intersect(two.Pupils.Keys).ToList();
        Assert.NotEmpty(shared);
        Assert.Contains(shared, id => one.Pupils[id].Pupil.LegalSurname != two.Pupils[id].Pupil.LegalSurname);
        Assert.Equal(("100001", "100002"), (one.SchoolId, two.SchoolId));
        foreach (var state in new[] { one, two })
        {
            var fresh = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, state.SchoolId, CancellationToken.None);
            Assert.Equal(fresh.Pupils.Values.Select(p => p.Pupil), state.Pupils.Values.Select(p => p.Pupil));
        }
    }

    [Fact]
    public async Task LoadAsync_LoadedBeforeAnImportStartedWriting_RefusedAsBusy()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 10)));
        var states = fixture.Context.Get<SchoolStates>();
        await states.LoadAsync(JobsFixture.School, CancellationToken.None);
        var held = await fixture.Context.Documents.ReadAsync<ImportLockState>(JobsFixture.School, DocumentTypes.ImportLock, ImportLock.Id);
        var writing = held!.Body with { Holder = "another-worker", HeldUntil = fixture.Clock.GetUtcNow().AddMinutes(10), Writing = new ImportRef("cd34", "monday.zip") };
        await fixture.Context.Documents.UpsertAsync(held with { Body = writing });

        var busy = await Assert.ThrowsAsync<SchoolBusyException>(() => states.LoadAsync(JobsFixture.School, CancellationToken.None));

        Assert.Contains("is being imported (monday.zip): its import lock is held until 07:10 (time in England)", busy.Message);
    }

    [Fact]
    public async Task LoadAsync_ForTheCheck_EveryPupilsInterventionsAndNoProgressDocuments()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 120)));
        var whole = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);

        var check = await fixture.Context.Get<SchoolStates>().LoadAsync(JobsFixture.School, ProgressLoad.InterventionsOnly, CancellationToken.None);

        Assert.Contains(whole.Pupils.Keys, id => whole.InterventionsOf(id).Count > 0);
        Assert.All(whole.Pupils.Keys, id => Assert.Equal(whole.InterventionsOf(id), check.InterventionsOf(id)));
        Assert.Empty(check.Progress);
        Assert.Equal(ProgressLoad.InterventionsOnly, check.Loaded);
        Assert.Throws<InvalidOperationException>(check.RequireEveryProgress);
    }

    [Fact]
    public async Task WithProgressOfAsync_NoImportSince_ThosePupilsDocumentsAsStored()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30)));
        var whole = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var check = await fixture.Context.Get<SchoolStates>().LoadAsync(JobsFixture.School, ProgressLoad.InterventionsOnly, CancellationToken.None);
        var some = whole.Pupils.Keys.Order().Take(5).Append("not-a-pupil").ToList();

        var withSome = await check.WithProgressOfAsync(fixture.Context.Documents, some, CancellationToken.None);

        Assert.Equal(some.Take(5), withSome.Progress.Keys.Order());
        Assert.All(withSome.Progress, p => Assert.Equal(JsonOf(whole.Progress[p.Key]), JsonOf(p.Value)));
    }

    [Fact]
    public async Task WithProgressOfAsync_AnImportWroteSinceTheLoad_RefusedAsBusy()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 12)));
        var check = await fixture.Context.Get<SchoolStates>().LoadAsync(JobsFixture.School, ProgressLoad.InterventionsOnly, CancellationToken.None);
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 15)));

        await Assert.ThrowsAsync<SchoolBusyException>(() => check.WithProgressOfAsync(fixture.Context.Documents, check.Pupils.Keys, CancellationToken.None));
    }

    [Fact]
    public async Task LoadAsync_CheckLoadKept_AWholeLoadStillReadsEveryProgressDocument()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30)));
        var states = fixture.Context.Get<SchoolStates>();

        var check = await states.LoadAsync(JobsFixture.School, ProgressLoad.InterventionsOnly, CancellationToken.None);
        var whole = await states.LoadAsync(JobsFixture.School, CancellationToken.None);
        var checkAgain = await states.LoadAsync(JobsFixture.School, ProgressLoad.InterventionsOnly, CancellationToken.None);

        Assert.NotSame(check, whole);
        Assert.Equal(ProgressLoad.Every, whole.Loaded);
        Assert.Equal(whole.Pupils.Count, whole.Progress.Count);
        Assert.Same(whole, checkAgain);
    }

    [Fact]
    public async Task LoadAsync_CheckLoadKept_WholeLoadReadsOnlyTheProgressDocumentsAgain()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30)));
        var fresh = await SchoolState.LoadAsync(fixture.Context.Documents, fixture.Context.Clock, JobsFixture.School, CancellationToken.None);
        var states = fixture.Context.Get<SchoolStates>();
        var check = await states.LoadAsync(JobsFixture.School, ProgressLoad.InterventionsOnly, CancellationToken.None);

        var whole = await states.LoadAsync(JobsFixture.School, CancellationToken.None);

        Assert.Equal(ProgressLoad.Every, whole.Loaded);
        Assert.Same(check.Pupils, whole.Pupils);
        Assert.Same(check.Attendance, whole.Attendance);
        Assert.Equal(fresh.Progress.Keys.Order(), whole.Progress.Keys.Order());
        Assert.All(whole.Progress, p => Assert.Equal(JsonOf(fresh.Progress[p.Key]), JsonOf(p.Value)));
        Assert.All(fresh.Pupils.Keys, id => Assert.Equal(fresh.InterventionsOf(id), whole.InterventionsOf(id)));
        Assert.Same(whole, await states.LoadAsync(JobsFixture.School, CancellationToken.None));
    }

    [Fact]
    public async Task WithEveryProgressAsync_AnImportWroteSinceTheLoad_NoState()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 12)));
        var check = await fixture.Context.Get<SchoolStates>().LoadAsync(JobsFixture.School, ProgressLoad.InterventionsOnly, CancellationToken.None);
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 15)));

        Assert.Null(await check.WithEveryProgressAsync(fixture.Context.Documents, CancellationToken.None));
        var whole = await fixture.Context.Get<SchoolStates>().LoadAsync(JobsFixture.School, CancellationToken.None);
        Assert.True(whole.Pupils.Count > check.Pupils.Count, $"{whole.Pupils.Count} pupils after the second import");
        Assert.Equal(whole.Pupils.Count, whole.Progress.Count);
    }

    private static string JsonOf(PupilProgress progress) => System.Text.Json.JsonSerializer.Serialize(progress);
}
