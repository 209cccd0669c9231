using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Alerts;

public class DigestPlannerTests
{
    [Fact]
    public void Plan_Alerts_GoToTheYearLeaderOfThatYearAndWholeSchoolRoles()
    {
        var directory = new DirectoryBuilder().Pupil("p9", year: 9).Pupil("p10", year: 10)
            .Staff("att", StaffRoleKind.AttendanceOfficer).Staff("y9", StaffRoleKind.YearLeader, "9").Staff("y10", StaffRoleKind.YearLeader, "10")
            .Staff("senco", StaffRoleKind.Senco)
            .Build();
        var alerts = new[]
        {
            Alert("p9", AlertRule.PenaltyNoticeThreshold, StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader),
            Alert("p10", AlertRule.Lateness, StaffRoleKind.AttendanceOfficer),
            Alert("p10", AlertRule.AttendanceThreshold, StaffRoleKind.YearLeader, StaffRoleKind.Senco),
        };

        var digests = DigestPlanner.Plan(alerts, directory).ToDictionary(d => d.StaffId, d => d.Alerts.Select(a => $"{a.PupilId}:{a.Rule}").ToList());

        Assert.Equal(["att", "senco", "y10", "y9"], digests.Keys);
        Assert.Equal(["p10:Lateness", "p9:PenaltyNoticeThreshold"], digests["att"]);
        Assert.Equal(["p9:PenaltyNoticeThreshold"], digests["y9"]);
        Assert.Equal(["p10:AttendanceThreshold"], digests["y10"]);
        Assert.Equal(["p10:AttendanceThreshold"], digests["senco"]);
    }

    [Fact]
    public void Plan_NoStaffInRole_NoDigest() =>
        Assert.Empty(DigestPlanner.Plan([Alert("p9", AlertRule.Lateness, StaffRoleKind.AttendanceOfficer)], new DirectoryBuilder().Pupil("p9").Build()));

    private static Alert Alert(string pupil, AlertRule rule, params StaffRoleKind[] audience) =>
        new(pupil, rule, AlertSeverity.Warning, 1, "evidence", [.. audience], new DateOnly(2025, 12, 19));
}
