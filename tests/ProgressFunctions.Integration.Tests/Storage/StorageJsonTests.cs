using System.Text.Json;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Infrastructure;

namespace ProgressFunctions.Integration.Tests.Storage;

public class StorageJsonTests
{
    [Fact]
    public void Options_TotalsWithRatesWorkedOut_OnlyTheCountsWritten()
    {
        var json = JsonSerializer.Serialize(new AttendanceTotals(151, 2, 9, 4, 3), StorageJson.Options);

        Assert.Equal("""{"present":151,"approvedActivity":2,"authorised":9,"unauthorised":4,"late":3}""", json);
    }

    [Theory]
    [InlineData("""{"pupilId":"p1","date":"2025-10-01","points":2,"category":"Merit"}""")]
    [InlineData("""{"pupilId":"p1","date":"2025-10-01","points":2,"category":"Merit","isPositive":true}""")]
    [InlineData("""{"pupilId":"p1","date":"2025-10-01","points":2,"category":"Merit","isPositive":false}""")]
    public void Options_DocumentWithOrWithoutWorkedOutProperties_ReadsTheSame(string stored)
    {
        var read = JsonSerializer.Deserialize<BehaviourEvent>(stored, StorageJson.Options);

        Assert.Equal(new BehaviourEvent { PupilId = "p1", Date = new DateOnly(2025, 10, 1), Points = 2, Category = "Merit" }, read);
        Assert.True(read!.IsPositive);
    }

    [Fact]
    public void Options_TotalsAsStoredBeforeRatesWereLeftOut_ReadWithTheirCounts()
    {
        const string stored = """{"present":20,"approvedActivity":0,"authorised":1,"unauthorised":0,"late":2,"possible":21,"attended":20,"absent":1,"attendanceRate":95.238095238095238095238095238,"overallAbsenceRate":4.7619047619047619047619047619,"authorisedAbsenceRate":4.7619047619047619047619047619,"unauthorisedAbsenceRate":0,"isPersistentAbsence":false,"isSevereAbsence":false,"band":"expected"}""";

        var read = JsonSerializer.Deserialize<AttendanceTotals>(stored, StorageJson.Options);

        Assert.Equal(new AttendanceTotals(20, 0, 1, 0, 2), read);
        Assert.Equal(21, read.Possible);
    }

    [Fact]
    public void Options_PositionalRecordWithAnInitProperty_EveryValueWrittenAndReadBack()
    {
        var year = new AttendanceYear("p1", 2025, [DateTimeOffset.UnixEpoch], ["2025-09-03 / \\ 0 0"]) { MinutesLate = ["2025-09-03 AM 12"] };

        var json = JsonSerializer.Serialize(year, StorageJson.Options);
        var read = JsonSerializer.Deserialize<AttendanceYear>(json, StorageJson.Options)!;

        Assert.Equal((year.PupilId, year.Year), (read.PupilId, read.Year));
        Assert.Equal(year.Stamps, read.Stamps);
        Assert.Equal(year.Days, read.Days);
        Assert.Equal(year.MinutesLate, read.MinutesLate);
    }

    [Fact]
    public void Options_SameShortTextInTwoDocuments_ReadAsOneString()
    {
        var first = JsonSerializer.Deserialize<AttendanceYear>("""{"pupilId":"p-1","year":2025,"stamps":[],"days":["2025-09-03 / \\ 0 0"]}""", StorageJson.Options)!;
        var second = JsonSerializer.Deserialize<AttendanceYear>("""{"pupilId":"p-1","year":2025,"stamps":[],"days":["2025-09-03 / \\ 0 0"]}""", StorageJson.Options)!;

        Assert.Equal("2025-09-03 / \\ 0 0", first.Days[0]);
        Assert.Same(first.Days[0], second.Days[0]);
        Assert.Same(first.PupilId, second.PupilId);
    }

    /// <summary>Stored strings as JSON text: escapes, non-ASCII letters, the pooling limit and past it, empty.</summary>
    [Theory]
    [InlineData("""\"Zoë\" Łukasz O\u0027Brien \\ \n""")]
    [InlineData("""Siobhán""")]
    [InlineData("""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa""")]
    [InlineData("""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab""")]
    [InlineData("""\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9""")]
    [InlineData("")]
    public void Options_StoredString_ReadAsTheSerializerReadsItAndWrittenBackTheSame(string stored)
    {
        var json = $$"""{"pupilId":"{{stored}}","year":2025,"stamps":[],"days":["{{stored}}"]}""";

        var read = JsonSerializer.Deserialize<AttendanceYear>(json, StorageJson.Options)!;
        var plain = JsonSerializer.Deserialize<AttendanceYear>(json, WithoutPooling)!;

        Assert.Equal(plain.PupilId, read.PupilId);
        Assert.Equal(plain.Days, read.Days);
        Assert.Equal(JsonSerializer.Serialize(plain, WithoutPooling), JsonSerializer.Serialize(read, StorageJson.Options));
    }

    /// <summary>The storage options with the serializer's own string reading.</summary>
    private static JsonSerializerOptions WithoutPooling { get; } = Without<StoredStrings>(StorageJson.Options);

    private static JsonSerializerOptions Without<T>(JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options);
        copy.Converters.Remove(copy.Converters.OfType<T>().Cast<System.Text.Json.Serialization.JsonConverter>().Single());
        return copy;
    }

    [Fact]
    public void Options_NullStringAndStringKeys_RoundTrip()
    {
        var receipt = new ImportReceipt("export.zip", "ab", DateTimeOffset.UnixEpoch, new Dictionary<string, long> { ["pupils"] = 3, ["attendance"] = 9 }, 0, 0);
        var late = new AttendanceYear("p1", 2025, [], []) { MinutesLate = null };

        var json = JsonSerializer.Serialize(receipt, StorageJson.Options);
        var read = JsonSerializer.Deserialize<ImportReceipt>(json, StorageJson.Options)!;

        Assert.Equal(receipt.RecordsRead, read.RecordsRead);
        Assert.Equal(json, JsonSerializer.Serialize(read, StorageJson.Options));
        Assert.Null(JsonSerializer.Deserialize<AttendanceYear>(JsonSerializer.Serialize(late, StorageJson.Options), StorageJson.Options)!.MinutesLate);
    }
}
