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

    /// <summary>Whom the alerts are for but no digest can reach: each named with the reason, never dropped without a word.</summary>
    [Fact]
    public void NotReached_StaffWithNoAddressAndARoleNobodyHolds_EachNamedWithItsReason()
    {
        var directory = new DirectoryBuilder().Pupil("p7", year: 7).Pupil("p9", year: 9)
            .Staff("att", StaffRoleKind.AttendanceOfficer, email: "").Staff("y7", StaffRoleKind.YearLeader, "7", email: "not-an-address")
            .Build();
        var alerts = new[]
        {
            Alert("p7", AlertRule.PenaltyNoticeThreshold, StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader),
            Alert("p9", AlertRule.Lateness, StaffRoleKind.AttendanceOfficer),
            Alert("p9", AlertRule.ContinuousAbsence, StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader),
        };

        var notReached = DigestPlanner.NotReached(alerts, directory);

        Assert.Empty(DigestPlanner.Plan(alerts, directory));
        Assert.Equal(
            [
                new DigestNotReached("att", "the member of staff has no valid e-mail address", 3),
                new DigestNotReached("y7", "the member of staff has no valid e-mail address", 1),
                new DigestNotReached("year-leaders-9", "the school has no year leader for year 9 in its staff list", 1),
            ],
            notReached);
    }

    [Fact]
    public void NotReached_EveryoneReachable_Empty()
    {
        var directory = new DirectoryBuilder().Pupil("p9", year: 9).Staff("att", StaffRoleKind.AttendanceOfficer).Staff("y9", StaffRoleKind.YearLeader, "9").Build();

        Assert.Empty(DigestPlanner.NotReached([Alert("p9", AlertRule.PenaltyNoticeThreshold, StaffRoleKind.AttendanceOfficer, StaffRoleKind.YearLeader)], directory));
    }

    private static Alert Alert(string pupil, AlertRule rule, params StaffRoleKind[] audience) =>
        new(pupil, rule, AlertSeverity.Warning, 1, "evidence", [.. audience], new DateOnly(2025, 12, 19));
}
