using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Reports.Routing;

/// <summary>Contacts whose e-mail address is also given for a contact of another family: nothing about a pupil is e-mailed to either.</summary>
/// <remarks>
/// <para>
/// Two contacts with one address are one family when their pupils are linked through contacts (two parents sharing an
/// inbox, or siblings with a parent in common), or when they have the same name (one parent recorded once per child,
/// <see cref="Contact.HasSameNameAs"/>). Any other pair is a typing slip, a record copied in the MIS, or a placeholder
/// such as the school office's address given for contacts without one: whoever reads that inbox would read the other
/// family's child's report, so neither contact is sent one until each has their own address.
/// </para>
/// <para>Addresses compare trimmed and in any case. Contacts linked to no pupil are left out: nothing goes to them.</para>
/// </remarks>
public static class SharedAddresses
{
    /// <summary>Each contact whose address another family's contact also has, with the first such contact's id (ordinal order).</summary>
    public static IReadOnlyDictionary<string, string> Find(IEnumerable<Contact> contacts, IEnumerable<ContactLink> links)
    {
        var family = Families(links);
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        var byAddress = contacts.Where(c => !string.IsNullOrWhiteSpace(c.Email) && family.ContainsKey(c.Id))
            .GroupBy(c => c.Email!, Core.Email.EmailAddress.Inbox).Where(g => g.Skip(1).Any());
        foreach (var address in byAddress)
        {
            var sharing = address.DistinctBy(c => c.Id).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
            foreach (var contact in sharing)
            {
                if (sharing.FirstOrDefault(other => other.Id != contact.Id && family[other.Id] != family[contact.Id] && !other.HasSameNameAs(contact)) is { } stranger)
                {
                    shared[contact.Id] = stranger.Id;
                }
            }
        }

        return shared;
    }

    /// <summary>Each linked contact's family: the first pupil id (ordinal) of the pupils joined to theirs through shared contacts.</summary>
    private static Dictionary<string, string> Families(IEnumerable<ContactLink> links)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Root(string pupil)
        {
            while (parent.TryGetValue(pupil, out var up) && up != pupil)
            {
                pupil = up;
            }

            return pupil;
        }

        var firstPupil = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            parent.TryAdd(link.PupilId, link.PupilId);
            if (!firstPupil.TryAdd(link.ContactId, link.PupilId))
            {
                var (a, b) = (Root(firstPupil[link.ContactId]), Root(link.PupilId));
                if (a != b)
                {
                    parent[string.CompareOrdinal(a, b) < 0 ? b : a] = string.CompareOrdinal(a, b) < 0 ? a : b;
                }
            }
        }

        return firstPupil.ToDictionary(c => c.Key, c => Root(c.Value), StringComparer.Ordinal);
    }
}
