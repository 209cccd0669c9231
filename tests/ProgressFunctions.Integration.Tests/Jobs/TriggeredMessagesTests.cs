using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Jobs;

/// <summary>What the queue-triggered functions do with a body before running a job: read it, or poison it at once.</summary>
public sealed class TriggeredMessagesTests
{
    private readonly IMessageQueue _queue =
        EmbeddedStorage.Open(TestFolders.NewPath("progress-triggered-")).Queue;

    [Fact]
    public async Task ReadOrPoisonAsync_WellFormed_ReturnsTheMessageAndPoisonsNothing()
    {
        var sent = new SchoolJobMessage("school-1", SchoolJobKind.CheckAttendance, new DateOnly(2025, 9, 8));
        var read = await TriggeredMessages.ReadOrPoisonAsync<SchoolJobMessage>(_queue, JobResources.SchoolJobsQueue, "m1", 1, QueueMessages.Write(sent));
        Assert.Equal(sent, read);
        await _queue.CreateIfMissingAsync(QueueNames.Poison(JobResources.SchoolJobsQueue));
        Assert.Equal(0, await _queue.CountAsync(QueueNames.Poison(JobResources.SchoolJobsQueue)));
    }

    [Theory]
    [InlineData("not json", "malformed SchoolJobMessage")]
    [InlineData("{\"schoolId\":\"\",\"job\":\"check-attendance\",\"asOf\":\"2025-09-08\"}", "SchoolJobMessage has no schoolId")]
    [InlineData("{\"schoolId\":\"s\",\"job\":\"reboot\",\"asOf\":\"2025-09-08\"}", "malformed SchoolJobMessage")]
    public async Task ReadOrPoisonAsync_Malformed_ReturnsNullAndRecordsItWithTheReason(string body, string reason)
    {
        var read = await TriggeredMessages.ReadOrPoisonAsync<SchoolJobMessage>(_queue, JobResources.SchoolJobsQueue, "m2", 1, body);

        Assert.Null(read);
        var poisoned = await _queue.ReceiveAsync(QueueNames.Poison(JobResources.SchoolJobsQueue), 32, TimeSpan.FromMinutes(1));
        var record = PoisonMessage.FromJson(Assert.Single(poisoned).Body);
        Assert.Equal(JobResources.SchoolJobsQueue, record.Queue);
        Assert.Equal("m2", record.MessageId);
        Assert.Equal(body, record.Body);
        Assert.Contains(reason, record.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOrPoisonAsync_HugeMalformedBody_KeepsAPrefixThatFitsInAMessage()
    {
        string body = new('x', 60 * 1024);
        var read = await TriggeredMessages.ReadOrPoisonAsync<SendRequest>(_queue, JobResources.ReportRequestsQueue, "m3", 5, body);

        Assert.Null(read);
        var poisoned = await _queue.ReceiveAsync(QueueNames.Poison(JobResources.ReportRequestsQueue), 32, TimeSpan.FromMinutes(1));
        var record = PoisonMessage.FromJson(Assert.Single(poisoned).Body);
        Assert.Equal(TriggeredMessages.MaxPoisonedBodyChars, record.Body.Length);
        Assert.Equal(5, record.DequeueCount);
    }
}
