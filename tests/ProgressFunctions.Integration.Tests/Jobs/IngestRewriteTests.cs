using System.Text.Json;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure;
using ProgressFunctions.Integration.Tests.Cost;
using ProgressFunctions.Integration.Tests.Integrity;

namespace ProgressFunctions.Integration.Tests.Jobs;

public class IngestRewriteTests
{
    [Fact]
    public async Task RunAsync_NextExportChangesOnePupil_RewritesOnlyThatPupilAndEveryAttendanceYear()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 20);
        await run.IngestAsync(export.Zip(), "monday.zip");
        var metered = new MeteredDocuments(run.Context.Documents);
        using var counted = run.Context with { Documents = metered };
        export.Pupils.Set(3, "Reg Group", export.Pupils.Get(3, "Reg Group") == "7A" ? "7B" : "7A");
        export.Pupils.Set(5, "Legal Surname", "Okafor-Reid");

        var result = await counted.Get<IngestJob>().RunAsync(JobsFixture.School, "tuesday.zip", new MemoryStream(export.Zip()), CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        int Written(string type) => metered.Calls.Where(c => c.Operation == DocumentOperation.Write && c.Type == type).Sum(c => c.Documents);
        Assert.Equal(2, Written(DocumentTypes.Pupil));
        Assert.Equal(0, Written(DocumentTypes.Progress));
        Assert.Equal(20, Written(DocumentTypes.Attendance));
        var state = await SchoolState.LoadAsync(run.Context.Documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        var renamed = state.Pupils[export.Pupils.Get(5, "Pupil ID")].Pupil;
        Assert.Equal("Okafor-Reid", renamed.LegalSurname);
        Assert.Equal(20, state.Progress.Count);
    }

    [Fact]
    public async Task RunAsync_ProgressStoredInThePreviousForm_ReadAsBeforeAndNotRewritten()
    {
        using var run = new IntegrityRun();
        var export = IntegrityRun.NewExport(pupils: 20);
        await run.IngestAsync(export.Zip(), "monday.zip");
        var documents = run.Context.Documents;
        var before = await SchoolState.LoadAsync(documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        var previousForm = new JsonSerializerOptions(StorageJson.Options);
        previousForm.Converters.Remove(previousForm.Converters.OfType<StoredProgress>().Single());
        foreach (var progress in before.Progress.Values)
        {
            var body = JsonSerializer.SerializeToElement(progress, previousForm);
            await documents.UpsertAsync(new Document<JsonElement>(JobsFixture.School, DocumentTypes.Progress, progress.PupilId, body));
        }

        var metered = new MeteredDocuments(documents);
        using var counted = run.Context with { Documents = metered };
        export.Pupils.Set(5, "Legal Surname", "Okafor-Reid");
        var result = await counted.Get<IngestJob>().RunAsync(JobsFixture.School, "tuesday.zip", new MemoryStream(export.Zip()), CancellationToken.None);

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Equal(0, metered.Calls.Where(c => c.Operation == DocumentOperation.Write && c.Type == DocumentTypes.Progress).Sum(c => c.Documents));
        var after = await SchoolState.LoadAsync(documents, run.Context.Clock, JobsFixture.School, CancellationToken.None);
        Assert.Equal(20, after.Progress.Count);
        foreach (var (id, progress) in before.Progress)
        {
            Assert.Equal(progress.Results, after.Progress[id].Results);
            Assert.Equal(progress.Targets, after.Progress[id].Targets);
            Assert.Equal(progress.Homework, after.Progress[id].Homework);
            Assert.Equal(progress.Behaviour, after.Progress[id].Behaviour);
        }
    }
}
