using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Sending;

/// <summary>One message of a report to each member of staff who holds a role, and each who cannot be reached with the reason.</summary>
/// <remarks>A school with nobody in the role at all has that recorded too (<c>"attendance-officers"</c>: "the school has no attendance officer in its staff list").</remarks>
public static class RoleMessages
{
    /// <param name="reportId">The report's id, the same for every recipient.</param>
    /// <param name="kind">The kind of report.</param>
    /// <param name="role">Who receives it.</param>
    /// <param name="directory">The school's staff and roles.</param>
    /// <param name="payload">What each member is sent: the document and the e-mail addressed to them.</param>
    /// <param name="why">Why it is sent.</param>
    /// <param name="school">The school's letterhead.</param>
    public static (IReadOnlyList<OutgoingMessage> Messages, IReadOnlyList<NotDecided> NotReached) For(
        string reportId, ReportKind kind, StaffRoleKind role, SchoolDirectory directory, Func<StaffMember, OutgoingPayload> payload, SendReason why, Letterhead school)
    {
        var routed = StaffRouting.Route(role, null, directory);
        List<NotDecided> notReached = [.. routed.UnreachableStaffIds.Select(id => new NotDecided(reportId, kind, id, StaffRouting.NoAddressReason))];
        if (routed.Recipients.Count == 0 && notReached.Count == 0)
        {
            var (who, plural) = role switch
            {
                StaffRoleKind.AttendanceOfficer => ("attendance officer", "attendance-officers"),
                StaffRoleKind.DataManager => ("data manager", "data-managers"),
                _ => (role.ToString(), role.ToString()),
            };
            notReached.Add(new NotDecided(reportId, kind, plural, $"the school has no {who} in its staff list"));
        }

        return ([.. routed.Recipients.Select(member => new OutgoingMessage(reportId, kind,
            new Recipient(member.Id, RecipientKind.Staff, member.Email, member.DisplayName), payload(member), why, [role.ToString()], school))], notReached);
    }
}
