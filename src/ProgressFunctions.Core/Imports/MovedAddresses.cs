using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Keeps the stored addresses when an export moves one family's e-mail address onto another family's contact.</summary>
/// <remarks>
/// <para>
/// An address cut from one parent's row and pasted onto another's (a slip in the MIS, a spreadsheet edit) leaves the
/// address on one contact only, so nothing in the export looks shared (<see cref="SharedAddressWarnings"/>); merged, the
/// other family's parent would be sent this family's reports. The store knows better: the address is stored for a
/// contact of another family (their pupils share no contact, stored or exported), under another name, who no longer has it.
/// </para>
/// <para>
/// Both rows are then taken as addresses refused (<see cref="RefusedContactRow.OnlyAddressRefused"/>): each contact
/// keeps the address stored for them (<see cref="RefusedContacts"/>), so reports go where they went before, and the
/// data managers are told on every import until the MIS gives each their own address. The contact who lost the
/// address keeps it only when the export gives them none: an address of their own now may mean the other was theirs
/// all along. Ids only in the warning, never the address.
/// </para>
/// </remarks>
public static class MovedAddresses
{
    public static SchoolExport Keep(SchoolExport export, IReadOnlyList<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        var moves = Find(export, storedLinks, storedContacts);
        if (moves.Count == 0)
        {
            return export;
        }

        var exportedLinks = export.ContactLinks.ToLookup(l => l.ContactId, StringComparer.Ordinal);
        var (rows, issues) = (new List<RefusedContactRow>(), new List<ImportIssue>());
        foreach (var (to, from, fromId) in moves)
        {
            foreach (var link in exportedLinks[to.Id])
            {
                var (file, line) = ContactSides.RowOf(export, link.PupilId);
                rows.Add(new RefusedContactRow(line, link.PupilId, false, to, link, OnlyAddressRefused: true) { File = file, AddressProblem = $"the e-mail address on this row is stored for contact {fromId} of another family" });
                issues.Add(ImportIssue.Warning(file, line, ContactsCsv.Email.Name, to.Id,
                    $"contact {to.Id} (pupil {link.PupilId}) is given the e-mail address stored until now for contact {fromId} of another family (pupil {string.Join(", ", PupilsOf(storedLinks, fromId))}), " +
                    $"{(from is null ? "who is not in this export" : from.Email is null ? "whose row now has none" : "who now has another")}: an address cut from one family's row and pasted onto another's? " +
                    $"The address is not imported for contact {to.Id}; correct the addresses in the MIS") with { TellDataManagers = true });
            }

            // The contact who lost the address keeps it while the export gives them none: the next import then finds
            // it stored for them again, so the warning stands until the MIS is put right.
            foreach (var link in from is { Email: null } ? exportedLinks[from.Id] : [])
            {
                var (file, line) = ContactSides.RowOf(export, link.PupilId);
                rows.Add(new RefusedContactRow(line, link.PupilId, false, from!, link, OnlyAddressRefused: true) { File = file, AddressProblem = $"this row has no e-mail address, and the one stored for contact {from!.Id} is now on contact {to.Id}'s row, of another family" });
            }
        }

        var refused = moves.Select(m => m.To.Id).ToHashSet(StringComparer.Ordinal);
        return export with
        {
            Contacts = [.. export.Contacts.Select(c => refused.Contains(c.Id) ? c with { Email = null, EmailRefused = true } : c)],
            RefusedContactRows = [.. export.RefusedContactRows, .. rows],
            Issues = [.. export.Issues, .. issues],
        };
    }

    /// <summary>Each exported contact given an address stored for another family's differently named contact who no longer has it.</summary>
    private static List<(Contact To, Contact? From, string FromId)> Find(SchoolExport export, IReadOnlyList<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        var moves = new List<(Contact, Contact?, string)>();
        if (storedLinks.Count == 0)
        {
            return moves;
        }

        var storedByInbox = storedContacts.Values.Where(c => c.Email is { Length: > 0 }).ToLookup(c => c.Email!, EmailAddress.Inbox);
        var exported = export.Contacts.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var storedPupils = storedLinks.ToLookup(l => l.ContactId, l => l.PupilId, StringComparer.Ordinal);
        var exportedPupils = export.ContactLinks.ToLookup(l => l.ContactId, l => l.PupilId, StringComparer.Ordinal);
        var storedContactsOf = storedLinks.ToLookup(l => l.PupilId, l => l.ContactId, StringComparer.Ordinal);
        var exportedContactsOf = export.ContactLinks.ToLookup(l => l.PupilId, l => l.ContactId, StringComparer.Ordinal);
        // A family is the contacts of the contact's pupils, stored or exported: brothers and sisters share one.
        HashSet<string> Family(string id) => storedPupils[id].Concat(exportedPupils[id])
            .SelectMany(p => storedContactsOf[p].Concat(exportedContactsOf[p])).ToHashSet(StringComparer.Ordinal);
        foreach (var to in exported.Values.Where(c => c.Email is { Length: > 0 } && !c.EmailRefused))
        {
            if (storedContacts.GetValueOrDefault(to.Id) is { } before && EmailAddress.SameInbox(before.Email, to.Email))
            {
                continue;
            }

            var from = storedByInbox[to.Email!].FirstOrDefault(t => t.Id != to.Id && !t.HasSameNameAs(to)
                && !(exported.GetValueOrDefault(t.Id) is { } now && EmailAddress.SameInbox(now.Email, to.Email))
                && !Family(t.Id).Overlaps(Family(to.Id)));
            if (from is not null && storedPupils[from.Id].Any())
            {
                moves.Add((to, exported.GetValueOrDefault(from.Id), from.Id));
            }
        }

        return moves;
    }

    private static IEnumerable<string> PupilsOf(IReadOnlyList<ContactLink> links, string contactId) =>
        links.Where(l => l.ContactId == contactId).Select(l => l.PupilId).Distinct().Order(StringComparer.Ordinal);
}
