using System.Text.Json;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Infrastructure;
using ProgressFunctions.Integration.Tests.Jobs;

namespace ProgressFunctions.Integration.Tests.Storage;

/// <summary>The stored form of a pupil's progress document: compact, read back in order, and documents of the form
/// written before it still read.</summary>
public class StoredProgressTests
{
    private static readonly PupilProgress s_progress = new(
        "p-1",
        [
            new Target { PupilId = "p-1", Subject = "Art", Scale = "GCSE", Grade = "7", Baseline = "5", CourseStart = new DateOnly(2024, 9, 1), CourseEnd = new DateOnly(2026, 7, 31), TeachingGroup = "10A/Ar", Source = TargetSource.DfeTransitionMatrix },
            new Target { PupilId = "p-1", Subject = "Zoë's \"Drama\"", Scale = "GCSE", Grade = "5" },
        ],
        [
            Result("Art", "GCSE", "2025/26 Autumn 1", new DateOnly(2025, 10, 20), "6"),
            Result("Art", "GCSE", "2025/26 Spring 1", new DateOnly(2026, 2, 9), "6"),
            Result("English reading", "KS2", "KS2 2021", new DateOnly(2021, 7, 6), "106"),
            // Art again after another subject: the order of the list is kept, not regrouped.
            Result("Art", "GCSE", "2025/26 Spring 2", new DateOnly(2026, 3, 11), "7"),
            Result("Art", "Working at", "2025/26 Spring 2", new DateOnly(2026, 3, 11), "WTS"),
        ],
        [
            new BehaviourEvent { PupilId = "p-1", Date = new DateOnly(2026, 3, 2), Points = 2, Category = "Merit" },
            new BehaviourEvent { PupilId = "p-1", Date = new DateOnly(2026, 3, 3), Points = -1, Category = "" },
        ],
        [
            new HomeworkRecord { PupilId = "p-1", Subject = "English", Due = new DateOnly(2026, 3, 20), Status = HomeworkStatus.Completed },
            new HomeworkRecord { PupilId = "p-1", Subject = "English", Due = new DateOnly(2026, 3, 27), Status = HomeworkStatus.Missing },
            new HomeworkRecord { PupilId = "p-1", Subject = "Maths", Due = new DateOnly(2026, 3, 21), Status = HomeworkStatus.Late },
        ])
    {
        Interventions = [new Intervention { PupilId = "p-1", Type = "Reading catch-up", Start = new DateOnly(2026, 3, 3), StaffId = "s-9" }],
    };

    // As the version before this form wrote it: every item an object of its record's properties.
    private const string PreviousForm = """
        {"pupilId":"p-1","targets":[{"pupilId":"p-1","subject":"Art","scale":"GCSE","grade":"7","baseline":"5","courseStart":"2024-09-01","courseEnd":"2026-07-31","teachingGroup":"10A/Ar","source":"dfeTransitionMatrix"},{"pupilId":"p-1","subject":"Zo\u00EB\u0027s \u0022Drama\u0022","scale":"GCSE","grade":"5","source":"school"}],
        "results":[{"pupilId":"p-1","subject":"Art","point":"2025/26 Autumn 1","date":"2025-10-20","scale":"GCSE","grade":"6"},{"pupilId":"p-1","subject":"Art","point":"2025/26 Spring 1","date":"2026-02-09","scale":"GCSE","grade":"6"},{"pupilId":"p-1","subject":"English reading","point":"KS2 2021","date":"2021-07-06","scale":"KS2","grade":"106"},{"pupilId":"p-1","subject":"Art","point":"2025/26 Spring 2","date":"2026-03-11","scale":"GCSE","grade":"7"},{"pupilId":"p-1","subject":"Art","point":"2025/26 Spring 2","date":"2026-03-11","scale":"Working at","grade":"WTS"}],
        "behaviour":[{"pupilId":"p-1","date":"2026-03-02","points":2,"category":"Merit"},{"pupilId":"p-1","date":"2026-03-03","points":-1,"category":""}],
        "homework":[{"pupilId":"p-1","subject":"English","due":"2026-03-20","status":"completed"},{"pupilId":"p-1","subject":"English","due":"2026-03-27","status":"missing"},{"pupilId":"p-1","subject":"Maths","due":"2026-03-21","status":"late"}],
        "interventions":[{"pupilId":"p-1","type":"Reading catch-up","start":"2026-03-03","staffId":"s-9"}]}
        """;

    [Fact]
    public void Write_Progress_ReadsBackEqualInTheSameOrder()
    {
        var read = RoundTrip(s_progress);

        AssertSame(s_progress, read);
    }

    [Fact]
    public void Write_Progress_NamesThePupilOnceAndGroupsRunsOfASubject()
    {
        var json = JsonSerializer.Serialize(s_progress, StorageJson.Options);

        Assert.StartsWith("""{"pupilId":"p-1","targets":[{"subject":"Art","scale":"GCSE","grade":"7","baseline":"5",""", json);
        Assert.Contains("""results":[{"subject":"Art","scale":"GCSE","points":[["2025/26 Autumn 1","2025-10-20","6"],["2025/26 Spring 1","2026-02-09","6"]]},{"subject":"English reading",""", json);
        Assert.Contains("""behaviour":[["2026-03-02",2,"Merit"],["2026-03-03",-1,""]]""", json);
        Assert.Contains("""homework":[{"subject":"English","due":[["2026-03-20","completed"],["2026-03-27","missing"]]},{"subject":"Maths","due":[["2026-03-21","late"]]}]""", json);
        // The document's own id, and the intervention's (its records' form, which the check reads on its own).
        Assert.Equal(2, json.Split("\"pupilId\"").Length - 1);
        Assert.DoesNotContain("\"source\":\"school\"", json);
    }

    [Fact]
    public void Read_DocumentOfThePreviousForm_SameProgress()
    {
        var read = JsonSerializer.Deserialize<PupilProgress>(PreviousForm, StorageJson.Options)!;

        AssertSame(s_progress, read);
    }

    [Fact]
    public async Task Write_SyntheticSchoolsProgress_UnderThreeFifthsOfThePreviousFormWhichStillReads()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 30)));
        var previousForm = new JsonSerializerOptions(StorageJson.Options);
        previousForm.Converters.Remove(previousForm.Converters.OfType<StoredProgress>().Single());
        long now = 0, before = 0;

        await foreach (var document in fixture.Context.Documents.ListAsync<PupilProgress>(JobsFixture.School, DocumentTypes.Progress))
        {
            var previous = JsonSerializer.SerializeToUtf8Bytes(document.Body, previousForm);
            now += JsonSerializer.SerializeToUtf8Bytes(document.Body, StorageJson.Options).Length;
            before += previous.Length;
            AssertSame(document.Body, JsonSerializer.Deserialize<PupilProgress>(previous, StorageJson.Options)!);
        }

        // In December a subject holds two data drops; the more a year holds, the more grouping saves (under half by March).
        Assert.True(now > 0 && now * 5 < before * 3, $"{now:N0} bytes now, {before:N0} in the previous form");
    }

    [Fact]
    public void Read_PupilIdAfterTheLists_EveryItemTakesIt()
    {
        const string stored = """{"results":[{"subject":"Art","scale":"GCSE","points":[["A1","2025-10-20","6"]]}],"behaviour":[["2026-03-02",2,"Merit"]],"pupilId":"p-7"}""";

        var read = JsonSerializer.Deserialize<PupilProgress>(stored, StorageJson.Options)!;

        Assert.Equal("p-7", Assert.Single(read.Results).PupilId);
        Assert.Equal("p-7", Assert.Single(read.Behaviour).PupilId);
        Assert.Empty(read.Targets);
        Assert.Empty(read.Homework);
        Assert.Null(read.Interventions);
    }

    [Fact]
    public void Read_InterventionsOnly_ReadFromTheNewForm()
    {
        var json = JsonSerializer.Serialize(s_progress, StorageJson.Options);

        var read = JsonSerializer.Deserialize<PupilInterventions>(json, StorageJson.Options)!;

        Assert.Equal("p-1", read.PupilId);
        Assert.Equal(s_progress.Interventions, read.Interventions);
    }

    [Theory]
    [InlineData("""{"targets":[]}""", "no pupilId")]
    [InlineData("""{"pupilId":"p-1","results":[{"subject":"Art","points":[["A1","2025-10-20","6"]]}]}""", "'scale'")]
    [InlineData("""{"pupilId":"p-1","results":[{"subject":"Art","scale":"GCSE","point":"A1","grade":"6"}]}""", "'date'")]
    [InlineData("""{"pupilId":"p-1","results":[{"subject":"Art","scale":"GCSE","points":[["A1","20/10/2025","6"]]}]}""", "'20/10/2025'")]
    [InlineData("""{"pupilId":"p-1","homework":[{"subject":"Art","due":[["2025-10-20","lost"]]}]}""", "'lost'")]
    [InlineData("""{"pupilId":"p-1","targets":[{"subject":"Art","scale":"GCSE","grade":"7","source":"guess"}]}""", "'guess'")]
    [InlineData("""{"pupilId":"p-1","behaviour":[{"date":"2025-10-20","category":"Merit"}]}""", "'points'")]
    [InlineData("""{"pupilId":"p-1","results":{}}""", "StartArray")]
    public void Read_DamagedDocument_JsonExceptionSayingWhat(string stored, string expected)
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<PupilProgress>(stored, StorageJson.Options));

        Assert.Contains(expected, error.Message);
    }

    private static AssessmentResult Result(string subject, string scale, string point, DateOnly date, string grade) =>
        new() { PupilId = "p-1", Subject = subject, Scale = scale, Point = point, Date = date, Grade = grade };

    private static PupilProgress RoundTrip(PupilProgress progress) =>
        JsonSerializer.Deserialize<PupilProgress>(JsonSerializer.SerializeToUtf8Bytes(progress, StorageJson.Options), StorageJson.Options)!;

    private static void AssertSame(PupilProgress expected, PupilProgress actual)
    {
        Assert.Equal(expected.PupilId, actual.PupilId);
        Assert.Equal(expected.Targets, actual.Targets);
        Assert.Equal(expected.Results, actual.Results);
        Assert.Equal(expected.Behaviour, actual.Behaviour);
        Assert.Equal(expected.Homework, actual.Homework);
        Assert.Equal(expected.Interventions, actual.Interventions);
    }
}
