using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Integration.Tests.Storage.Contracts;

/// <summary>What every <see cref="IDocumentStore"/> must do; each adapter's test class inherits all of it.</summary>
/// <remarks>Each test uses its own school id, so one store can serve the whole class.</remarks>
public abstract class DocumentStoreContract
{
    protected abstract IDocumentStore Store { get; }

    private async Task AssertAbsentAsync(string schoolId, string type, string id) =>
        Assert.Null(await Store.ReadAsync<TestPupil>(schoolId, type, id));

    protected static string NewSchool() => "school-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task ReadAsync_Missing_ReturnsNull()
    {
        await AssertAbsentAsync(NewSchool(), "pupil", "p1");
    }

    [Fact]
    public async Task UpsertAsync_ThenRead_RoundTripsBodyAndETag()
    {
        string school = NewSchool();
        var body = TestPupil.Sample(1);
        string etag = await Store.UpsertAsync(new Document<TestPupil>(school, "pupil", "p1", body));
        var read = await Store.ReadAsync<TestPupil>(school, "pupil", "p1");
        Assert.NotNull(read);
        Assert.Equal(body.Name, read.Body.Name);
        Assert.Equal(body.Tags, read.Body.Tags);
        Assert.Equal(body.DateOfBirth, read.Body.DateOfBirth);
        Assert.Equal(etag, read.ETag);
        string second = await Store.UpsertAsync(read with { Body = body with { YearGroup = 11 } });
        Assert.NotEqual(etag, second);
        Assert.Equal(11, (await Store.ReadAsync<TestPupil>(school, "pupil", "p1"))!.Body.YearGroup);
    }

    [Fact]
    public async Task UpsertAsync_SameIdTwoTypes_KeepsBoth()
    {
        string school = NewSchool();
        await Store.UpsertAsync(new Document<TestPupil>(school, "pupil", "x", TestPupil.Sample(1)));
        await Store.UpsertAsync(new Document<TestPupil>(school, "attendance-year", "x", TestPupil.Sample(2)));
        Assert.Equal(TestPupil.Sample(1).Name, (await Store.ReadAsync<TestPupil>(school, "pupil", "x"))!.Body.Name);
        Assert.Equal(TestPupil.Sample(2).Name, (await Store.ReadAsync<TestPupil>(school, "attendance-year", "x"))!.Body.Name);
    }

    [Fact]
    public async Task CreateIfAbsentAsync_Twice_SecondAlreadyExistedAndBodyUnchanged()
    {
        string school = NewSchool();
        var first = await Store.CreateIfAbsentAsync(new Document<TestPupil>(school, "claim", "job-1", TestPupil.Sample(1)));
        var second = await Store.CreateIfAbsentAsync(new Document<TestPupil>(school, "claim", "job-1", TestPupil.Sample(2)));
        Assert.Equal(CreateOutcome.Created, first.Outcome);
        Assert.Equal(CreateOutcome.AlreadyExisted, second.Outcome);
        Assert.Equal(TestPupil.Sample(1).Name, (await Store.ReadAsync<TestPupil>(school, "claim", "job-1"))!.Body.Name);
    }

    [Fact]
    public async Task CreateIfAbsentAsync_TenConcurrentCallers_ExactlyOneCreated()
    {
        string school = NewSchool();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(n => Task.Run(() =>
            Store.CreateIfAbsentAsync(new Document<TestPupil>(school, "claim", "run-2024-09-02", TestPupil.Sample(n))))));
        Assert.Single(results, r => r.Created);
        Assert.Equal(9, results.Count(r => r.Outcome == CreateOutcome.AlreadyExisted));
    }

    [Fact]
    public async Task ReplaceAsync_MatchingETag_Replaces()
    {
        string school = NewSchool();
        string etag = await Store.UpsertAsync(new Document<TestPupil>(school, "pupil", "p1", TestPupil.Sample(1)));
        var result = await Store.ReplaceAsync(new Document<TestPupil>(school, "pupil", "p1", TestPupil.Sample(2)), etag);
        Assert.Equal(ReplaceOutcome.Replaced, result.Outcome);
        Assert.Equal(result.ETag, (await Store.ReadAsync<TestPupil>(school, "pupil", "p1"))!.ETag);
    }

    [Fact]
    public async Task ReplaceAsync_TwoWritersSameETag_OneWinsOneConflicts()
    {
        string school = NewSchool();
        string etag = await Store.UpsertAsync(new Document<TestPupil>(school, "pupil", "p1", TestPupil.Sample(0)));
        var results = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => Task.Run(() =>
            Store.ReplaceAsync(new Document<TestPupil>(school, "pupil", "p1", TestPupil.Sample(n)), etag))));
        Assert.Single(results, r => r.Outcome == ReplaceOutcome.Replaced);
        Assert.Single(results, r => r.Outcome == ReplaceOutcome.ETagConflict);
        var winner = Array.IndexOf(results, results.Single(r => r.Replaced)) + 1;
        Assert.Equal(TestPupil.Sample(winner).Name, (await Store.ReadAsync<TestPupil>(school, "pupil", "p1"))!.Body.Name);
    }

    [Fact]
    public async Task ReplaceAsync_Missing_NotFound()
    {
        var result = await Store.ReplaceAsync(new Document<TestPupil>(NewSchool(), "pupil", "nobody", TestPupil.Sample(1)), "\"0000\"");
        Assert.Equal(ReplaceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenMissing_TrueThenFalse()
    {
        string school = NewSchool();
        await Store.UpsertAsync(new Document<TestPupil>(school, "pupil", "p1", TestPupil.Sample(1)));
        Assert.True(await Store.DeleteAsync(school, "pupil", "p1"));
        Assert.False(await Store.DeleteAsync(school, "pupil", "p1"));
        await AssertAbsentAsync(school, "pupil", "p1");
    }

    [Fact]
    public async Task ListAsync_MoreThanOnePage_StreamsEveryDocumentOfTheTypeInTheSchoolOnly()
    {
        string school = NewSchool();
        string other = NewSchool();
        await Store.BulkUpsertAsync(Enumerable.Range(0, 1200).Select(n => new Document<TestPupil>(school, "pupil", $"p{n:D5}", TestPupil.Sample(n))));
        await Store.UpsertAsync(new Document<TestPupil>(school, "attendance-year", "p00001", TestPupil.Sample(1)));
        await Store.UpsertAsync(new Document<TestPupil>(other, "pupil", "p00001", TestPupil.Sample(1)));
        var ids = new List<string>();
        await foreach (var document in Store.ListAsync<TestPupil>(school, "pupil"))
        {
            Assert.Equal(school, document.SchoolId);
            Assert.Equal("pupil", document.Type);
            Assert.False(string.IsNullOrEmpty(document.ETag));
            ids.Add(document.Id);
        }

        Assert.Equal(Enumerable.Range(0, 1200).Select(n => $"p{n:D5}").Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BulkUpsertAsync_NewAndExisting_AllReadableWithNewBodies()
    {
        string school = NewSchool();
        await Store.UpsertAsync(new Document<TestPupil>(school, "pupil", "p1", TestPupil.Sample(0)));
        await Store.BulkUpsertAsync(Enumerable.Range(1, 50).Select(n => new Document<TestPupil>(school, "pupil", $"p{n}", TestPupil.Sample(n))));
        for (int n = 1; n <= 50; n++)
        {
            Assert.Equal(TestPupil.Sample(n).Name, (await Store.ReadAsync<TestPupil>(school, "pupil", $"p{n}"))!.Body.Name);
        }
    }

    [Theory]
    [InlineData("", "pupil", "p1")]
    [InlineData("school 1", "pupil", "p1")]
    [InlineData("school-1", "pu/pil", "p1")]
    [InlineData("school-1", "pupil", "")]
    [InlineData("school-1", "pupil", "a/b")]
    [InlineData("school-1", "pupil", "a#b")]
    [InlineData("school-1", "pupil", "a?b")]
    public async Task UpsertAsync_InvalidKey_Throws(string schoolId, string type, string id)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(new Document<TestPupil>(schoolId, type, id, TestPupil.Sample(1))));
    }
}
