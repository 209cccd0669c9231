using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Keeps a stored contact restriction from being lifted by an export that cannot say it, before the merge.</summary>
/// <remarks>
/// <para>
/// A restriction ("no contact", a court order) is what keeps a parent from being phoned about, or sent the report of, a
/// child they must not reach. A CTF carries no restrictions and no correspondence setting, and a contacts.csv may lack
/// those columns; read as they are, every link in such an export says "no restriction, receives correspondence", and
/// merging it would lift every restriction the school had recorded. So when the export does not say
/// (<see cref="SchoolExport.SaysRestrictions"/>, <see cref="SchoolExport.SaysCorrespondence"/>), each link the store
/// already holds keeps its own values.
/// </para>
/// <para>
/// A stored link is the same pupil's link to the same contact id or, failing that, to a contact of the same forename and
/// surname (a CTF's contacts have ids made from their details, which need not be the MIS's); where several match, a
/// restricted one is taken. An export that does say restrictions is the MIS's word: it may lift one (a court order
/// ends), with a warning naming the contact so the data manager checks it before anything is sent. A CTF that links
/// contacts the store has never seen says so in one warning: nothing is known about their restrictions. On a school's
/// first import, a contacts.csv without the Restriction column is said to the data managers instead, before any report
/// can go to a parent the MIS restricts.
/// </para>
/// <para>
/// An export made before the data already stored (<see cref="SchoolExport.ExportedAt"/> earlier than
/// <c>storedAt</c>, an older export uploaded late) cannot lift a restriction either: the newer export that recorded it
/// stands. A lift the export may make is sent to the data managers (<see cref="ImportIssue.TellDataManagers"/>), not
/// only written in the import's issues file.
/// </para>
/// </remarks>
public static class ContactSafeguards
{
    /// <param name="export">The export read.</param>
    /// <param name="storedLinks">Every contact link stored.</param>
    /// <param name="storedContacts">The stored contacts by id.</param>
    /// <param name="storedAt">When the newest export already stored was made; null when nothing is stored.</param>
    public static SchoolExport Keep(SchoolExport export, IEnumerable<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts, DateTimeOffset? storedAt = null)
    {
        if (export.ContactLinks.Count == 0)
        {
            return export;
        }

        var byPupil = storedLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var exportContacts = export.Contacts.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var issues = new List<ImportIssue>();
        var older = export.ExportedAt is { } made && storedAt is { } stored && made < stored;
        var unknown = 0;
        var links = new List<ContactLink>(export.ContactLinks.Count);
        foreach (var link in export.ContactLinks)
        {
            var before = StoredLink(link, byPupil[link.PupilId], exportContacts, storedContacts);
            if (before is null)
            {
                unknown += export.SaysRestrictions ? 0 : 1;
                links.Add(link);
                continue;
            }

            var kept = link;
            if (!export.SaysRestrictions)
            {
                kept = kept with { Restriction = before.Restriction };
            }
            else if (before.Restriction is { } lifted && link.Restriction is null)
            {
                kept = older ? kept with { Restriction = lifted } : kept;
                issues.Add(ImportIssue.Warning(ContactsCsv.FileName, 0, ContactsCsv.Restriction.Name, link.ContactId, older
                    ? $"the restriction on contact {link.ContactId} for pupil {link.PupilId} (\"{lifted}\") is kept: this export was made on {export.ExportedAt:yyyy-MM-dd HH:mm} UTC, before the data stored ({storedAt:yyyy-MM-dd HH:mm} UTC), which records it. If it has ended, record that in the MIS and import a new export"
                    : $"the restriction on contact {link.ContactId} for pupil {link.PupilId} (\"{lifted}\") is lifted by this export: check it in the MIS before anything is sent") with { TellDataManagers = true });
            }

            if (!export.SaysCorrespondence || (older && !before.ReceivesCorrespondence))
            {
                kept = kept with { ReceivesCorrespondence = before.ReceivesCorrespondence };
            }

            links.Add(kept);
        }

        if (unknown > 0 && byPupil.Count == 0 && export.AbsentColumns.Contains(ContactsCsv.Restriction))
        {
            var others = export.Issues.Where(i => !AbsentColumns.IsAbout(i, ContactsCsv.FileName, ContactsCsv.Restriction));
            return export with { ContactLinks = links, Issues = [.. others, .. issues, FirstWithoutRestrictions()] };
        }

        if (unknown > 0)
        {
            var file = export.RecordsRead.Keys.FirstOrDefault(k => k.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) ?? ContactsCsv.FileName;
            issues.Add(ImportIssue.Warning(file, 0, "Contacts", unknown.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{unknown} contact links are new to the store and this export does not say their restrictions: they are stored with none, so record any in the MIS and import a CSV export that has the Restriction column")
                // A parent a court order keeps away would be sent the next report: the data managers check before it goes.
                with { TellDataManagers = true });
        }

        return export with { ContactLinks = links, Issues = [.. export.Issues, .. issues] };
    }

    /// <summary>The one warning on a school's first import from a contacts.csv without the Restriction column, in place of the reader's: there is nothing stored to keep.</summary>
    private static ImportIssue FirstWithoutRestrictions() =>
        ImportIssue.Warning(ContactsCsv.FileName, 1, ContactsCsv.Restriction.Name, "",
            $"{AbsentColumns.Opening(ContactsCsv.FileName, ContactsCsv.Restriction)} and no contact is stored for this school yet: no contact is treated as restricted, so a parent "
            + "under a court order or a no-contact flag would be sent the reports and letters of their child. Record the restrictions in the MIS and import "
            + "a contacts.csv with the Restriction column before any batch is released") with { TellDataManagers = true };

    private static ContactLink? StoredLink(ContactLink link, IEnumerable<ContactLink> stored, IReadOnlyDictionary<string, Contact> exportContacts, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        var candidates = stored.Where(s => s.ContactId == link.ContactId).ToList();
        if (candidates.Count == 0 && exportContacts.TryGetValue(link.ContactId, out var contact))
        {
            candidates = [.. stored.Where(s => storedContacts.TryGetValue(s.ContactId, out var known) && known.HasSameNameAs(contact))];
        }

        return candidates.OrderBy(s => s.Restriction is null).FirstOrDefault();
    }
}
