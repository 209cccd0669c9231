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
}
