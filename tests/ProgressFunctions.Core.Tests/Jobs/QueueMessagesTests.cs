using ProgressFunctions.Core.Jobs;

namespace ProgressFunctions.Core.Tests.Jobs;

public class QueueMessagesTests
{
    [Fact]
    public void Write_SchoolJob_IsCamelCaseWithKebabEnum()
    {
        var json = QueueMessages.Write(new SchoolJobMessage("100001", SchoolJobKind.CheckAttendance, new DateOnly(2026, 3, 20)));

        Assert.Equal("""{"schoolId":"100001","job":"check-attendance","asOf":"2026-03-20"}""", json);
    }

    [Fact]
    public void Read_ReportRequest_RoundTrips()
    {
        var request = new ReportRequest("100001", ReportKind.YearGroup, "2025-26-autumn-end", "staff-9", "9");

        var (read, error) = QueueMessages.Read<ReportRequest>(QueueMessages.Write(request));

        Assert.Null(error);
        Assert.Equal(request.ReportId, read!.ReportId);
        Assert.Equal("YearGroup.2025-26-autumn-end.9", read.ReportId);
    }

    [Theory]
    [InlineData("not json", "malformed SchoolJobMessage")]
    [InlineData("""{"schoolId":"1","job":"dance","asOf":"2026-03-20"}""", "malformed SchoolJobMessage")]
    [InlineData("""{"schoolId":"1","job":"check-attendance","asOf":"20/03/2026"}""", "malformed SchoolJobMessage")]
    [InlineData("""{"schoolId":"1","job":0,"asOf":"2026-03-20"}""", "malformed SchoolJobMessage")]
    [InlineData("""{"schoolId":"","job":"check-attendance","asOf":"2026-03-20"}""", "has no schoolId")]
    [InlineData("""{"schoolId":"1","job":"check-attendance","asOf":"2026-03-20","extra":1}""", "malformed SchoolJobMessage")]
    [InlineData("null", "empty SchoolJobMessage")]
    public void Read_MalformedSchoolJob_ClearError(string body, string expected)
    {
        var (_, error) = QueueMessages.Read<SchoolJobMessage>(body);

        Assert.Contains(expected, error);
    }
}
