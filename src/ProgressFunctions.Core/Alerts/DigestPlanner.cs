using System.Globalization;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Alerts;

/// <summary>The alerts one member of staff receives in their daily digest.</summary>
public sealed record StaffDigest(string StaffId, string Email, EquatableList<Alert> Alerts);

/// <summary>Someone the day's alerts were for whose digest cannot be addressed: a member of staff (by id) with no valid e-mail address, or a role nobody holds.</summary>
/// <param name="RecipientId">The staff id, or for a role nobody holds the role's name ("attendance-officers", "year-leaders-7", "sencos").</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Alerts">How many of the day's alerts it leaves unread.</param>
public sealed record DigestNotReached(string RecipientId, string Reason, int Alerts);

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

    /// <summary>Whom <see cref="Plan"/> leaves out, and why: each member of staff a role routes alerts to who has no valid address, and each role an alert is for that nobody holds.</summary>
    /// <remarks>An alert raised for staff must reach them or be recorded as not reaching them; none is dropped without a word.</remarks>
    public static IReadOnlyList<DigestNotReached> NotReached(IEnumerable<Alert> alerts, SchoolDirectory directory)
    {
        var missed = new SortedDictionary<string, (string Reason, HashSet<Alert> Alerts)>(StringComparer.Ordinal);
        void Add(string id, string reason, Alert alert)
        {
            if (!missed.TryGetValue(id, out var entry))
            {
                entry = (reason, []);
                missed[id] = entry;
            }

            entry.Alerts.Add(alert);
        }

        foreach (var alert in alerts)
        {
            var year = directory.Pupil(alert.PupilId)?.YearGroup.ToString(CultureInfo.InvariantCulture);
            foreach (var role in alert.Audience.Distinct())
            {
                var scope = role == StaffRoleKind.YearLeader ? year : null;
                if (role == StaffRoleKind.YearLeader && scope is null)
                {
                    continue;
                }

                var routed = StaffRouting.Route(role, scope, directory);
                foreach (var id in routed.UnreachableStaffIds)
                {
                    Add(id, StaffRouting.NoAddressReason, alert);
                }

                if (routed.Recipients.Count == 0 && routed.UnreachableStaffIds.Count == 0)
                {
                    var (id, who) = role switch
                    {
                        StaffRoleKind.AttendanceOfficer => ("attendance-officers", "attendance officer"),
                        StaffRoleKind.YearLeader => ($"year-leaders-{scope}", $"year leader for year {scope}"),
                        StaffRoleKind.Senco => ("sencos", "SENCO"),
                        _ => (role.ToString(), role.ToString()),
                    };
                    Add(id, $"the school has no {who} in its staff list", alert);
                }
            }
        }

        return [.. missed.Select(kv => new DigestNotReached(kv.Key, kv.Value.Reason, kv.Value.Alerts.Count))];
    }
}
