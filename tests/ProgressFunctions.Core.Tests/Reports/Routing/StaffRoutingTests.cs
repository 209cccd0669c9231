using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Reports.Routing;

public class StaffRoutingTests
{
    private static readonly SchoolDirectory s_school = new DirectoryBuilder()
        .Staff("y9", StaffRoleKind.YearLeader, "9").Staff("y10", StaffRoleKind.YearLeader, "10")
        .Staff("maths", StaffRoleKind.SubjectLeader, "Mathematics").Staff("senco", StaffRoleKind.Senco)
        .Staff("att", StaffRoleKind.AttendanceOfficer).Staff("att", StaffRoleKind.YearLeader, "9")
        .Staff("broken", StaffRoleKind.AttendanceOfficer, email: "not-an-address")
        .Build();

    [Theory]
    [InlineData(StaffRoleKind.YearLeader, "9", new[] { "att", "y9" })]
    [InlineData(StaffRoleKind.YearLeader, "10", new[] { "y10" })]
    [InlineData(StaffRoleKind.YearLeader, "11", new string[0])]
    [InlineData(StaffRoleKind.SubjectLeader, "mathematics", new[] { "maths" })]
    [InlineData(StaffRoleKind.Senco, "9", new[] { "senco" })]
    [InlineData(StaffRoleKind.AttendanceOfficer, null, new[] { "att" })]
    public void Route_Role_ReachesOnlyStaffWhoseRoleCoversTheGroup(StaffRoleKind role, string? scope, string[] expected) =>
        Assert.Equal(expected, StaffRouting.Route(role, scope, s_school).Recipients.Select(s => s.Id));

    [Fact]
    public void Route_StaffWithBadAddress_IsReportedUnreachable() =>
        Assert.Equal(["broken"], StaffRouting.Route(StaffRoleKind.AttendanceOfficer, null, s_school).UnreachableStaffIds);
}

public class StaffRoutingScopeTests
{
    [Fact]
    public void Route_WholeSchoolReport_NeverReachesAScopedRole()
    {
        var school = new DirectoryBuilder()
            .Staff("mentor-7a", StaffRoleKind.ProgressMentor, "7A").Staff("mentor", StaffRoleKind.ProgressMentor)
            .Staff("y9", StaffRoleKind.YearLeader, "9")
            .Build();

        Assert.Equal(["mentor"], StaffRouting.Route(StaffRoleKind.ProgressMentor, null, school).Recipients.Select(s => s.Id));
        Assert.Empty(StaffRouting.Route(StaffRoleKind.YearLeader, null, school).Recipients);
        Assert.Equal(["mentor", "mentor-7a"], StaffRouting.Route(StaffRoleKind.ProgressMentor, "7A", school).Recipients.Select(s => s.Id));
    }
}
