using System.Globalization;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Reports.AttendanceOfficer;

/// <summary>The pupils a member of staff's digest figures cover, and the words that name them.</summary>
/// <remarks>
/// An attendance officer's digest covers the whole school; a year leader's their year group(s); a SENCO's the pupils
/// with SEN support or an EHC plan. A member of staff with several of these roles gets the widest: the whole school,
/// else the union of their year groups and the SEN cohort. The alerts in a digest are routed as before
/// (<see cref="Alerts.DigestPlanner"/>); the scope is what its headline figures are computed over.
/// </remarks>
public sealed record DigestScope(string Label, IReadOnlyList<Pupil> Pupils)
{
    public static DigestScope For(string staffId, SchoolDirectory directory, IEnumerable<Pupil> onRoll)
    {
        var roles = directory.Roles.Where(r => r.StaffId == staffId).ToList();
        var pupils = onRoll.ToList();
        if (roles.Count == 0 || roles.Any(r => r.Role == StaffRoleKind.AttendanceOfficer))
        {
            return new DigestScope("whole school", pupils);
        }

        var years = roles.Where(r => r.Role == StaffRoleKind.YearLeader && r.Scope is not null)
            .Select(r => int.TryParse(r.Scope!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : (int?)null)
            .OfType<int>().Distinct().Order().ToList();
        var sen = roles.Any(r => r.Role == StaffRoleKind.Senco);
        var labels = new List<string>();
        if (years.Count > 0)
        {
            labels.Add(years.Count == 1 ? ReportFormat.YearLabel(years[0]) : "Years " + ReportFormat.Listed([.. years.Select(y => y.ToString(CultureInfo.InvariantCulture))]));
        }

        if (sen)
        {
            labels.Add("pupils with SEN");
        }

        return labels.Count == 0
            ? new DigestScope("whole school", pupils)
            : new DigestScope(string.Join(" and ", labels), [.. pupils.Where(p => years.Contains(p.YearGroup) || (sen && p.Sen != SenStatus.None))]);
    }
}
