using System.IO.Compression;
using System.Text.Json.Nodes;
using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.Integration.Tests.Jobs;

public class ParentLetterTests
{
    [Fact]
    public async Task Check_LettersOn_SendsEachStageOnceAsPdfAndEmail()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(WithLettersOn(JobsFixture.Zip(JobsFixture.Generate(pupils: 40))));

        var first = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        var beforeRelease = Directory.GetFiles(fixture.OutboxDirectory, "AttendanceLetter.*.eml").Length;
        await fixture.ReleaseAllAsync();
        await fixture.Context.Get<DispatchJob>().DrainAsync(null, TimeSpan.FromMinutes(1), CancellationToken.None);
        var next = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, JobsFixture.AsOf.AddDays(3), CancellationToken.None);

        Assert.Contains("parent letters prepared for review", first.Message);
        Assert.Equal(0, beforeRelease);
        var letters = Directory.GetFiles(fixture.OutboxDirectory, "AttendanceLetter.*.eml");
        Assert.NotEmpty(letters);
        Assert.Contains("attendance-letter-2025-", File.ReadAllText(letters[0]));
        Assert.DoesNotContain("parent letters", next.Message);
    }

    [Fact]
    public async Task Check_LettersOffByDefault_SendsNone()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 40)));

        var check = await fixture.Context.Get<AttendanceCheckJob>().RunAsync(JobsFixture.School, JobsFixture.AsOf, CancellationToken.None);
        var queued = await fixture.Context.Queue.ReceiveAsync(JobResources.ReportRequestsQueue, 32, TimeSpan.FromMinutes(1));

        Assert.Equal(CheckOutcome.Checked, check.Outcome);
        Assert.NotEmpty(check.Alerts);
        Assert.DoesNotContain("parent letters", check.Message);
        Assert.DoesNotContain(queued, m => QueueMessages.Read<SendRequest>(m.Body).Message!.OutgoingId.StartsWith("AttendanceLetter.", StringComparison.Ordinal));
        Assert.Empty(await fixture.Context.Get<BatchJob>().ListAsync(JobsFixture.School, CancellationToken.None));
    }

    /// <summary>The same export with <c>"parentLetters": { "enabled": true }</c> added to its school.json.</summary>
    private static byte[] WithLettersOn(byte[] zip)
    {
        using var input = new ZipArchive(new MemoryStream(zip));
        var files = input.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        var json = JsonNode.Parse(files["school.json"])!.AsObject();
        json["parentLetters"] = new JsonObject { ["enabled"] = true };
        files["school.json"] = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        return Core.Imports.Bundle.BundleZip.Create(files.Select(f => (f.Key, f.Value)));
    }
}
