using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Reports.Routing;

/// <summary>The staff a report about a group goes to.</summary>
/// <remarks>
/// A role covers a group when it is the same kind and its scope names that group (year "9" for a year leader,
/// the subject for a subject leader), or when it is a whole-school role (no scope). A whole-school report
/// (<c>scope</c> null) goes only to whole-school roles: a mentor scoped to one group never receives every pupil. The result has each member of
/// staff once, ordered by id; staff without a valid e-mail address are returned as not sent.
/// </remarks>
public static class StaffRouting
{
    /// <summary>Why a message is not sent to a member of staff a role routes it to (<see cref="StaffRoutingResult.UnreachableStaffIds"/>): the one wording every not-sent record and summary uses.</summary>
    public const string NoAddressReason = "the member of staff has no valid e-mail address";

    public static StaffRoutingResult Route(StaffRoleKind role, string? scope, SchoolDirectory directory)
    {
        var staffIds = directory.Roles
            .Where(r => r.Role == role && (r.Scope is null || (scope is not null && string.Equals(r.Scope.Trim(), scope.Trim(), StringComparison.OrdinalIgnoreCase))))
            .Select(r => r.StaffId)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var recipients = new List<StaffMember>();
        var unreachable = new List<string>();
        foreach (var id in staffIds)
        {
            if (directory.Staff(id) is { } member && Core.Email.EmailAddress.IsValid(member.Email))
            {
                recipients.Add(member);
            }
            else
            {
                unreachable.Add(id);
            }
        }

        return new StaffRoutingResult(recipients, unreachable);
    }
}

public sealed record StaffRoutingResult(IReadOnlyList<StaffMember> Recipients, IReadOnlyList<string> UnreachableStaffIds);
