using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Sending;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.Calendars;

namespace ProgressFunctions.Core.Tests.Sending;

public class CheckDecisionsTests
{
    private static readonly DateOnly s_asOf = D("2025-11-28");

    /// <summary>Every rule's alert, planned to the staff of its audience, is named in their digest: a lateness alert once reached no message at all.</summary>
    [Theory]
    [InlineData(AlertRule.Lateness, "late 5 times in the last 4 school weeks")]
    [InlineData(AlertRule.AttendanceThreshold, "attendance 94.1% this year, below 95%")]
    public void Digests_AlertForTheAttendanceOfficer_ItsEvidenceIsInTheirDigest(AlertRule rule, string evidence)
    {
        var directory = new DirectoryBuilder().Pupil("alerted").Pupil("fine").Staff("att", StaffRoleKind.AttendanceOfficer).Build();
        var registers = new[] { "alerted", "fine" }.ToDictionary(id => id, id => new RegisterBuilder(Year2025, id).Present(D("2025-09-03"), s_asOf).Build(), StringComparer.Ordinal);
        var run = new CheckDecisions.CheckRunInputs("100001", "2025-11-28", s_asOf, s_asOf, 1, Year2025, directory, registers, [.. directory.Pupils],
            new Letterhead("Oakfield Academy", "the office"));
        var alert = new Alert("alerted", rule, AlertSeverity.Info, 5, evidence, [StaffRoleKind.AttendanceOfficer], s_asOf);

        var message = Assert.Single(CheckDecisions.Digests(run, DigestPlanner.Plan([alert], directory)));

        var document = Assert.IsType<DocumentPayload>(message.Payload).Document;
        Assert.Contains(document.Text(), t => t.Contains(evidence, StringComparison.Ordinal));
    }
}
