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
    public void Read_SendRequest_RoundTripsAndCarriesOnlyIds()
    {
        var request = new SendRequest("100001", "YearGroup.2025-26-autumn-end.9.staff-9");

        var json = QueueMessages.Write(request);
        var (read, error) = QueueMessages.Read<SendRequest>(json);

        Assert.Null(error);
        Assert.Equal(request, read);
        Assert.Equal("""{"schoolId":"100001","outgoingId":"YearGroup.2025-26-autumn-end.9.staff-9"}""", json);
    }

    [Theory]
    [InlineData("""{"schoolId":"100001","outgoingId":""}""", "SendRequest needs schoolId and outgoingId")]
    [InlineData("""{"schoolId":"100001","kind":"parent","source":"x","recipientId":"c1"}""", "malformed SendRequest")]
    public void Read_MalformedOrOlderSendRequest_ClearError(string body, string expected) =>
        Assert.Contains(expected, QueueMessages.Read<SendRequest>(body).Error);

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
