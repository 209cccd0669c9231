using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public class StaffCsvTests
{
    /// <summary>
    /// A member of staff whose address is missing or wrong stays in the staff list with their roles and no address: refused,
    /// the school would seem to have no attendance officer, and what was meant for them would go unrecorded.
    /// </summary>
    [Theory]
    [InlineData("", "'Email' is empty")]
    [InlineData("a.mills.school.example", "'a.mills.school.example' is not an e-mail address")]
    public void Read_EmailEmptyOrNotValid_KeptWithRolesNoAddressAndAWarning(string email, string reason)
    {
        var issues = new List<ImportIssue>();

        var (staff, roles) = StaffCsv.Read(new StringReader($"Staff ID,Forename,Surname,Email,Roles\nS003,Ann,Mills,{email},AttendanceOfficer\nS006,Tom,Reed,t.reed@school.example,YearLeader:7\n"), issues);

        Assert.Equal(["S003", "S006"], staff.Select(s => s.Id));
        Assert.Equal("", staff[0].Email);
        Assert.Contains(new StaffRole("S003", StaffRoleKind.AttendanceOfficer, null), roles);
        var issue = Assert.Single(issues);
        Assert.Equal((IssueSeverity.Warning, 2, "Email"), (issue.Severity, issue.Line, issue.Column));
        Assert.StartsWith(reason, issue.Reason, StringComparison.Ordinal);
    }
}
