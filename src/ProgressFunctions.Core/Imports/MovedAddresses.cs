using ProgressFunctions.Core.Email;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Keeps an e-mail address for both families when an export moves it from one family's contact to another's: neither is e-mailed at it.</summary>
/// <remarks>
/// <para>
/// An address cut from one parent's row and pasted onto another's (a slip in the MIS, a spreadsheet edit) leaves the
/// address on one contact only, so nothing in the export looks shared (<see cref="SharedAddressWarnings"/>); merged, the
/// other family's parent would be sent this family's reports. The store knows better: the address is stored for a
/// contact of another family (their pupils share no contact, stored or exported), under another name, who no longer
/// has it. But the move may as well be the correction of an address typed on the wrong family's row, and then the
/// contact who had it must not keep it either.
/// </para>
/// <para>
/// So the address is kept for both: the new holder takes it, and the contact who had it keeps it while the export
/// gives them none (found by id, or by name among their pupils' contacts when a CTF renames them, or kept with their
/// stored links when the export leaves them out). Two families then share it, and sending refuses it for both with
/// that reason (<see cref="Reports.Routing.SharedAddresses"/>), on every import until the MIS gives it to one of them
/// and the other an address of their own. The data managers are told each time, by contact and pupil id. A contact
/// who now has another address has simply moved on: the new holder's address is taken, with a warning.
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

        var (rows, issues) = (new List<RefusedContactRow>(), new List<ImportIssue>());
        var (contacts, links, listed) = (export.Contacts.ToList(), export.ContactLinks.ToList(), export.PupilsWithContactRows.ToHashSet(StringComparer.Ordinal));
        var inExport = export.Pupils.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (to, from, stored) in moves)
        {
            var theirs = storedLinks.Where(l => l.ContactId == stored.Id).ToList();
            var pupils = string.Join(", ", theirs.Select(l => l.PupilId).Distinct().Order(StringComparer.Ordinal));
            var kept = from is null || from.Email is null;
            if (from is { Email: null })
            {
                // The row says no address: the stored one stands in (RefusedContacts), so the next import finds it again.
                foreach (var link in export.ContactLinks.Where(l => l.ContactId == from.Id))
                {
                    var (file, line) = ContactSides.RowOf(export, link.PupilId);
                    rows.Add(new RefusedContactRow(line, link.PupilId, false, from, link, OnlyAddressRefused: true)
                    {
                        File = file,
                        AddressProblem = $"this row has no e-mail address, and the one stored for contact {stored.Id} is now on contact {to.Id}'s row, of another family",
                        StandInOutcome = "but while both families have it, neither is e-mailed at it",
                    });
                }
            }
            else if (from is null)
            {
                // Left out of the export: kept with their stored links, as a family cannot lose its parent to a paste.
                if (!contacts.Any(c => c.Id == stored.Id))
                {
                    contacts.Add(stored);
                }

                foreach (var link in theirs.Where(l => inExport.Contains(l.PupilId) && !links.Any(x => x.PupilId == l.PupilId && x.ContactId == l.ContactId)))
                {
                    // A pupil the file has no row for keeps every stored contact (RefusedContacts), not this one alone.
                    var rowless = listed.Add(link.PupilId);
                    links.AddRange(rowless ? storedLinks.Where(l => l.PupilId == link.PupilId && !links.Contains(l)) : [link]);
                }
            }

            foreach (var pupilId in export.ContactLinks.Where(l => l.ContactId == to.Id).Select(l => l.PupilId).Distinct())
            {
                var (file, line) = ContactSides.RowOf(export, pupilId);
                issues.Add(ImportIssue.Warning(file, line, ContactsCsv.Email.Name, to.Id,
                    $"contact {to.Id} (pupil {pupilId}) is given the e-mail address stored until now for contact {stored.Id} of another family (pupil {pupils}), " +
                    (kept
                        ? $"{(from is null ? "who is not in this export" : "whose row now has none")}: an address pasted onto the wrong family's row, or one corrected? Until the MIS gives it to one of them only, and the other an address of their own, it is kept for both, and neither family is e-mailed at it"
                        : "who now has another: check the address is contact " + to.Id + "'s")) with { TellDataManagers = true });
            }
        }

        return export with
        {
            Contacts = contacts,
            ContactLinks = links,
            PupilsWithContactRows = listed,
            RefusedContactRows = [.. export.RefusedContactRows, .. rows],
            Issues = [.. export.Issues, .. issues],
        };
    }

    /// <summary>Each exported contact given an address stored for another family's differently named contact who no longer has it.</summary>
    private static List<(Contact To, Contact? From, Contact Stored)> Find(SchoolExport export, IReadOnlyList<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        var moves = new List<(Contact, Contact?, Contact)>();
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
            // The new holder may have the address stored already (an earlier import of the same move): the dispute stands
            // while the one who had it still has no other.
            var from = storedByInbox[to.Email!].FirstOrDefault(t => t.Id != to.Id && !t.HasSameNameAs(to) && storedPupils[t.Id].Any()
                && !(exported.GetValueOrDefault(t.Id) is { } now && EmailAddress.SameInbox(now.Email, to.Email))
                && !Family(t.Id).Overlaps(Family(to.Id)));
            if (from is not null)
            {
                // The same person under a new id (a CTF makes ids from name and address): by name among their pupils' contacts.
                var now = exported.GetValueOrDefault(from.Id)
                    ?? storedPupils[from.Id].SelectMany(p => exportedContactsOf[p]).Select(id => exported.GetValueOrDefault(id)).OfType<Contact>().FirstOrDefault(c => c.HasSameNameAs(from));
                moves.Add((to, now, from));
            }
        }

        return moves;
    }

}
