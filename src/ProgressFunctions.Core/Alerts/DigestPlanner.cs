using System.Globalization;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Alerts;

/// <summary>The alerts one member of staff receives in their daily digest.</summary>
public sealed record StaffDigest(string StaffId, string Email, EquatableList<Alert> Alerts);

/// <summary>Groups the day's alerts into one digest per member of staff whose role covers the pupil.</summary>
/// <remarks>
/// A year leader receives alerts about pupils in their year only; attendance officers and SENCOs are whole-school
/// roles. Each member of staff gets one digest, each alert in it once, in pupil then rule order.
/// </remarks>
public static class DigestPlanner
{
    public static IReadOnlyList<StaffDigest> Plan(IEnumerable<Alert> alerts, SchoolDirectory directory)
    {
        var byStaff = new SortedDictionary<string, (string Email, List<Alert> Alerts)>(StringComparer.Ordinal);
        foreach (var alert in alerts.OrderBy(a => a.PupilId, StringComparer.Ordinal).ThenBy(a => a.Rule))
        {
            var year = directory.Pupil(alert.PupilId)?.YearGroup.ToString(CultureInfo.InvariantCulture);
            foreach (var role in alert.Audience.Distinct())
            {
                var scope = role == StaffRoleKind.YearLeader ? year : null;
                if (role == StaffRoleKind.YearLeader && scope is null)
                {
                    continue;
                }

                foreach (var member in StaffRouting.Route(role, scope, directory).Recipients)
                {
                    if (!byStaff.TryGetValue(member.Id, out var entry))
                    {
                        entry = (member.Email, []);
                        byStaff[member.Id] = entry;
                    }

                    if (!entry.Alerts.Contains(alert))
                    {
                        entry.Alerts.Add(alert);
                    }
                }
            }
        }

        return [.. byStaff.Select(kv => new StaffDigest(kv.Key, kv.Value.Email, [.. kv.Value.Alerts]))];
    }
}
