using System.Globalization;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Ks2Sats;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Reports.Sen;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Reports.WholeSchool;
using ProgressFunctions.Core.Reports.YearGroups;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The staff report a request names, built from its snapshot.</summary>
internal static class StaffDocuments
{
    /// <summary>Whether the recipient still holds a role the report goes to (roles may change between snapshot and send).</summary>
    public static bool StillCovers(ReportKind kind, string? scope, string staffId, SchoolDirectory directory)
    {
        StaffRoleKind[] roles = kind switch
        {
            ReportKind.YearGroup => [StaffRoleKind.YearLeader],
            ReportKind.Subject => [StaffRoleKind.SubjectLeader],
            ReportKind.Sen => [StaffRoleKind.Senco],
            ReportKind.Governors => [StaffRoleKind.Governor, StaffRoleKind.Headteacher],
            _ => [StaffRoleKind.Headteacher, StaffRoleKind.ProgressAssistant],
        };
        return roles.Any(role => StaffRouting.Route(role, scope, directory).Recipients.Any(s => s.Id == staffId));
    }

    public static ReportDocument? Build(ReportKind kind, string? scope, TermSnapshot snapshot, Sending.Letterhead letterhead, SchoolDirectory directory)
    {
        var issued = snapshot.AsOf;
        var school = letterhead.SchoolName;
        return kind switch
        {
            ReportKind.YearGroup when int.TryParse(scope, NumberStyles.None, CultureInfo.InvariantCulture, out var year) =>
                YearGroupReport.Build(new YearGroupReportInput(school, issued, snapshot, year, directory)),
            ReportKind.Subject when scope is { } subject => SubjectReport.Build(new SubjectReportInput(school, issued, snapshot, subject, directory)),
            ReportKind.Sen => SenReport.Build(new SenReportInput(school, issued, snapshot, directory) { Sections = letterhead.SenSections }),
            ReportKind.WholeSchool => WholeSchoolReport.Build(new WholeSchoolReportInput(school, issued, snapshot)),
            ReportKind.Governors => Reports.Governors.GovernorsReport.Build(new Reports.Governors.GovernorsReportInput(school, issued, snapshot)),
            ReportKind.Ks2 when snapshot.Ks2 is { } ks2 => Ks2SatsReport.Build(new Ks2SatsReportInput(school, issued, snapshot.Key, ks2)),
            _ => null,
        };
    }
}
