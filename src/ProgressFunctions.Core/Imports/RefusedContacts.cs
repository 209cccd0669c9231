using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>A contacts.csv row that could not be used as it stands: refused for an error, or imported without its e-mail address.</summary>
/// <param name="Line">Its line in contacts.csv.</param>
/// <param name="PupilId">The pupil it names, or "" when its UPN names no pupil of the export.</param>
/// <param name="PupilRefused">Whether its UPN is a pupil pupils.csv refused: that pupil's stored contacts stay as they are anyway.</param>
/// <param name="Person">The contact as far as the row could be read (id, names, address as written).</param>
/// <param name="Link">What the row says of the link. Of a refused row, parental responsibility and correspondence are
/// false only where the row clearly says no, and the restriction is the cell as written.</param>
/// <param name="OnlyAddressRefused">The row was imported, only its address refused.</param>
public sealed record RefusedContactRow(int Line, string PupilId, bool PupilRefused, Contact Person, ContactLink Link, bool OnlyAddressRefused = false)
{
    /// <summary>The file the row is in: contacts.csv, or the CTF whose contact element it is.</summary>
    public string File { get; init; } = ContactsCsv.FileName;

    /// <summary>Of a row whose address was refused, what was wrong with it, as the data managers read it.</summary>
    public string AddressProblem { get; init; } = "the e-mail address on this row is not valid";

    /// <summary>Of a row whose stored address stands in, what then becomes of the reports.</summary>
    public string StandInOutcome { get; init; } = "so reports about the pupil still go there";
}

/// <summary>Keeps the stored contact a contacts.csv row names when the row cannot be used: a refused row takes nothing stored away.</summary>
/// <remarks>
/// <para>
/// A pupil with rows in contacts.csv has exactly the contacts those rows give (<see cref="ExportMerge"/>). A row refused
/// for a typing slip (a bad yes/no, a priority that is not a number, an id with a space) still says the person is the
/// pupil's contact: dropping the stored link would stop the parent's reports without anyone deciding so. So the
/// stored link of the pupil to the same person (<see cref="ContactMatch.SamePerson"/>) is kept as stored, taking only
/// what the row clearly says to restrict contact (a restriction, "no" to parental responsibility or correspondence),
/// and the data managers are told, by pupil and contact id.
/// </para>
/// <para>
/// A row whose UPN names no pupil of the export (empty, a wrong check letter, a pupil not in pupils.csv) cannot say
/// whose contact it is: the link is kept for each pupil of the export who has that contact stored, by the same id or
/// inbox (a name alone is too weak without the pupil), and whom the export does not otherwise link to them; a pupil
/// with no other row keeps every stored contact, since nothing in the file says which they no longer have. A row with
/// an invalid e-mail address is imported without it (<see cref="Contact.EmailRefused"/>); where the pupil has the same
/// person stored with an address, the stored contact stands in for the row's, so reports still reach that address.
/// </para>
/// </remarks>
public static class RefusedContacts
{
    public static SchoolExport Keep(SchoolExport export, IReadOnlyList<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        if (export.RefusedContactRows.Count == 0 || storedLinks.Count == 0)
        {
            return export;
        }

        var stored = new Stored(storedLinks, storedContacts);
        var inExport = export.Pupils.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var links = export.ContactLinks.ToList();
        var listed = export.PupilsWithContactRows.ToHashSet(StringComparer.Ordinal);
        var (replaced, standIns) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var issues = new List<ImportIssue>();
        foreach (var row in export.RefusedContactRows.Where(r => !r.PupilRefused))
        {
            if (row.OnlyAddressRefused)
            {
                StandIn(row, stored.Naming(row).Where(n => n.PupilId == row.PupilId).ToList());
                continue;
            }

            foreach (var (pupilId, link, contact) in stored.Naming(row).Where(s => inExport.Contains(s.Link.PupilId)))
            {

                // A pupil the file has no usable row for keeps every stored contact: nothing in it says which they no longer have.
                var rowless = !export.PupilsWithContactRows.Contains(pupilId);
                if (rowless && listed.Add(pupilId))
                {
                    links.AddRange(stored.OfPupil(pupilId));
                }

                var at = links.FindIndex(l => l.PupilId == pupilId && l.ContactId == link.ContactId);
                if (at >= 0 && !rowless)
                {
                    continue;
                }

                if (at < 0)
                {
                    links.Add(Tightened(link, row.Link));
                }
                else
                {
                    links[at] = Tightened(links[at], row.Link);
                }

                issues.Add(Kept(row, ContactsCsv.PupilUpn.Name, link.ContactId, row.PupilId.Length > 0
                    ? $"this row was refused (see the error on this line), so pupil {pupilId}'s stored contact {link.ContactId} is kept as it was: reports about the pupil still go to them. Correct the row in the MIS"
                    : $"this row names no pupil of this export (see the error on this line), but contact {link.ContactId} on it is stored for pupil {pupilId}, whom the export does not otherwise link to them: the stored link is kept{(rowless ? ", with the pupil's other stored contacts (the file has no other row for them)" : "")}, so reports about the pupil still go to them. If the row is not that pupil's, correct the MIS"));
            }
        }

        if (issues.Count == 0)
        {
            return export;
        }

        // The row's link is found by pupil and contact id: the stored values of absent columns may already be on it.
        // The stored contact stands in only when it is the one person of the pupil's the row can be, and the export
        // does not link the pupil to them already (a brother of the same name as a restricted father is not the father).
        void StandIn(RefusedContactRow row, List<(string PupilId, ContactLink Link, Contact Contact)> named)
        {
            var own = links.FindIndex(l => l.PupilId == row.Link.PupilId && l.ContactId == row.Link.ContactId);
            if (named is not [var (pupilId, link, contact)] || contact.Email is not { Length: > 0 } || own < 0
                || links.Where((l, i) => i != own && l.PupilId == pupilId && l.ContactId == link.ContactId).Any())
            {
                return;
            }

            links[own] = links[own] with { ContactId = link.ContactId };
            replaced.Add(row.Person.Id);
            standIns.Add(link.ContactId);
            issues.Add(Kept(row, ContactsCsv.Email.Name, link.ContactId,
                $"{row.AddressProblem}: pupil {pupilId}'s contact {link.ContactId} keeps the address stored for them, {row.StandInOutcome}. Correct the address in the MIS"));
        }

        // A row's record without its address goes where the stored one stands in for it: under the same id it would
        // overwrite the stored address; under another it is linked to nobody (unless another pupil's row still uses it).
        var used = links.Select(l => l.ContactId).ToHashSet(StringComparer.Ordinal);
        return export with
        {
            Contacts = [.. export.Contacts.Where(c => !replaced.Contains(c.Id) || (!standIns.Contains(c.Id) && used.Contains(c.Id)))],
            ContactLinks = links,
            PupilsWithContactRows = listed,
            Issues = [.. export.Issues, .. issues],
        };
    }

    private static ImportIssue Kept(RefusedContactRow row, string column, string contactId, string reason) =>
        ImportIssue.Warning(row.File, row.Line, column, contactId, reason) with { TellDataManagers = true };

    /// <summary>The stored link, restricted further where the refused row says so; a restriction is never lifted by it.</summary>
    private static ContactLink Tightened(ContactLink stored, ContactLink said) => stored with
    {
        Restriction = stored.Restriction ?? said.Restriction,
        ParentalResponsibility = stored.ParentalResponsibility && said.ParentalResponsibility,
        ReceivesCorrespondence = stored.ReceivesCorrespondence && said.ReceivesCorrespondence,
    };

    /// <summary>The stored links, found by pupil, by contact id and by inbox.</summary>
    private sealed class Stored(IReadOnlyList<ContactLink> links, IReadOnlyDictionary<string, Contact> contacts)
    {
        private readonly ILookup<string, ContactLink> _byPupil = links.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        private readonly ILookup<string, ContactLink> _byContact = links.ToLookup(l => l.ContactId, StringComparer.Ordinal);
        private readonly ILookup<string, string> _idsByInbox = contacts.Values.Where(c => c.Email is { Length: > 0 })
            .ToLookup(c => c.Email!, c => c.Id, Email.EmailAddress.Inbox);

        public IEnumerable<ContactLink> OfPupil(string pupilId) => _byPupil[pupilId];

        /// <summary>The stored links to the person the row names: of its pupil, or, when it names none, of any pupil by the contact's id or inbox. Same id first.</summary>
        public IEnumerable<(string PupilId, ContactLink Link, Contact Contact)> Naming(RefusedContactRow row)
        {
            var candidates = row.PupilId.Length > 0 ? _byPupil[row.PupilId]
                : _byContact[row.Person.Id].Concat(row.Person.Email is { Length: > 0 } email ? _idsByInbox[email].SelectMany(id => _byContact[id]) : []).Distinct();
            return candidates
                .Select(l => (l.PupilId, Link: l, Contact: contacts.GetValueOrDefault(l.ContactId)))
                .Where(s => s.Contact is not null && (row.PupilId.Length > 0 ? ContactMatch.SamePerson(s.Contact, row.Person) : ContactMatch.SameIdOrInbox(s.Contact, row.Person)))
                .OrderBy(s => s.Link.ContactId != row.Person.Id)
                .Select(s => (s.PupilId, s.Link, s.Contact!));
        }
    }
}
