using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Reports.Routing;

/// <summary>A contact the school may telephone about a pupil, in the order to try them.</summary>
public sealed record CallContact(Contact Contact, ContactLink Link);

/// <summary>Whom the school may call about a pupil's absence: the pupil's contacts with no restriction, in priority order.</summary>
/// <remarks>
/// A contact with a restriction (a court order, no contact) is never listed, whatever their priority; the list says
/// how many were left out. Contacts without parental responsibility (an emergency contact, a relative) are listed,
/// marked as such, because schools call them when the first contacts cannot be reached. Order: priority (1 first),
/// then contact id. A contact linked to the pupil twice is listed once, at their first place, and not at all when
/// either link carries a restriction.
/// </remarks>
public static class CallContacts
{
    public static (IReadOnlyList<CallContact> MayCall, int Restricted) For(string pupilId, SchoolDirectory directory)
    {
        var links = directory.LinksOf(pupilId).ToList();
        var restricted = links.Where(l => l.Restriction is not null).Select(l => l.ContactId).ToHashSet(StringComparer.Ordinal);
        var callable = links.Where(l => !restricted.Contains(l.ContactId) && directory.Contact(l.ContactId) is not null)
            .OrderBy(l => l.Priority).ThenBy(l => l.ContactId, StringComparer.Ordinal)
            .DistinctBy(l => l.ContactId, StringComparer.Ordinal)
            .Select(l => new CallContact(directory.Contact(l.ContactId)!, l)).ToList();
        return (callable, restricted.Count);
    }

    /// <summary>"Ms Okafor (Parent) 07700 900123"; "(Relative, no parental responsibility)"; "no phone number in the MIS".</summary>
    public static string Describe(CallContact call)
    {
        var relation = call.Link.Relationship.Length == 0 ? "Contact" : call.Link.Relationship;
        var role = call.Link.ParentalResponsibility ? relation : $"{relation}, no parental responsibility";
        return $"{call.Contact.FullName} ({role}) {(string.IsNullOrWhiteSpace(call.Contact.Phone) ? "no phone number in the MIS" : call.Contact.Phone)}";
    }
}
