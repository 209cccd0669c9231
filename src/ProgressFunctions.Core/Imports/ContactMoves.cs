using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Names each contact an export moves from the pupil it is stored for to an unrelated pupil, who would be sent the first family's address.</summary>
/// <remarks>
/// A contact (the same id, or the same inbox under a new id) that a pupil gains while the pupil it is stored for, whose
/// contacts the export also lists, loses it, has moved between families. Between siblings that is the MIS tidying
/// up; between pupils who share no other contact it is what a pupil column sorted over a few rows looks like, and
/// every report about the new pupil would go to the other child's parent. So it is a warning to the data managers
/// naming the contact and both pupils, by id. A pupil whose every contact is new is named once, by <see cref="FamilyMoves.Warn"/>.
/// </remarks>
public static class ContactMoves
{
    internal static IEnumerable<ImportIssue> Warnings(SchoolExport export, ContactSides sides, IReadOnlySet<string> movedWhole)
    {
        foreach (var pupilId in export.PupilsWithContactRows.Where(p => !movedWhole.Contains(p)).Order(StringComparer.Ordinal))
        {
            var before = sides.Stored(pupilId);
            foreach (var gained in sides.Exported(pupilId).Where(n => !before.Any(b => ContactMatch.SamePerson(b, n))).DistinctBy(c => c.Id))
            {
                var left = sides.StoredFor(gained)
                    .Where(s => s.PupilId != pupilId && export.PupilsWithContactRows.Contains(s.PupilId)
                        && !sides.Exported(s.PupilId).Any(c => ContactMatch.SamePerson(s.Contact, c)) && !Related(sides, pupilId, s.PupilId, gained))
                    .Select(s => s.PupilId).Distinct().Order(StringComparer.Ordinal);
                foreach (var from in left)
                {
                    var (file, line) = ContactSides.RowOf(export, pupilId);
                    yield return ImportIssue.Warning(file, line, ContactSides.PupilColumn, gained.Id,
                        $"contact {gained.Id} is linked to pupil {pupilId} in {file} and no longer to pupil {from}, for whom it is stored, and the two pupils share no other contact: {ContactSides.Advice(file)}; reports about {pupilId} will go to this contact") with { TellDataManagers = true };
                }

                if (!left.Any() && InPlaceOf(sides, pupilId, gained) is { } replaced)
                {
                    var (file, line) = ContactSides.RowOf(export, pupilId);
                    yield return ImportIssue.Warning(file, line, ContactSides.PupilColumn, gained.Id,
                        $"contact {gained.Id} is linked to pupil {pupilId} in {file} in place of their contact {replaced.Contact}, and is stored for pupil {replaced.OtherPupil}, with whom {pupilId} shares no other contact: " +
                        $"check another family's contact was not entered or copied over this one; reports about {pupilId} will go to contact {gained.Id}") with { TellDataManagers = true };
                }
            }
        }
    }

    /// <summary>The contact the pupil lost while gaining <paramref name="gained"/>, who is stored for another family's pupil; null when either is not so.</summary>
    /// <remarks>
    /// A parent of another child added beside a pupil's own contacts may be a new partner; the same parent taking the
    /// place of one of the pupil's own is what a row copied over another looks like, since the other child keeps them.
    /// </remarks>
    private static (string Contact, string OtherPupil)? InPlaceOf(ContactSides sides, string pupilId, Contact gained)
    {
        var now = sides.Exported(pupilId);
        var lost = sides.Stored(pupilId).FirstOrDefault(b => !now.Any(n => ContactMatch.SamePerson(b, n)));
        var other = sides.StoredFor(gained).Select(s => s.PupilId).Where(p => p != pupilId && !Related(sides, pupilId, p, gained)).Order(StringComparer.Ordinal).FirstOrDefault();
        return lost is null || other is null ? null : (lost.Id, other);
    }

    /// <summary>Whether the two pupils share a contact other than <paramref name="moved"/>, stored or exported: one family.</summary>
    private static bool Related(ContactSides sides, string pupil, string other, Contact moved)
    {
        var theirs = sides.Stored(other).Concat(sides.Exported(other)).Where(c => !ContactMatch.SamePerson(c, moved)).ToList();
        return sides.Stored(pupil).Concat(sides.Exported(pupil)).Where(c => !ContactMatch.SamePerson(c, moved)).Any(c => theirs.Any(t => ContactMatch.SamePerson(t, c)));
    }
}

/// <summary>Each pupil's contacts as stored and as an export gives them, side by side (for <see cref="FamilyMoves"/> and <see cref="ContactMoves"/>).</summary>
internal sealed class ContactSides(SchoolExport export, IReadOnlyList<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts)
{
    public const string PupilColumn = "Pupil UPN";

    private readonly ILookup<string, ContactLink> _stored = storedLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
    private readonly ILookup<string, ContactLink> _storedByContact = storedLinks.ToLookup(l => l.ContactId, StringComparer.Ordinal);
    private readonly ILookup<string, ContactLink> _exported = export.ContactLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
    private readonly Dictionary<string, Contact> _exportContacts = export.Contacts.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    private readonly ILookup<string, string> _storedIdsByInbox = storedContacts.Values.Where(c => c.Email is { Length: > 0 })
        .ToLookup(c => c.Email!, c => c.Id, Email.EmailAddress.Inbox);

    public List<Contact> Stored(string pupilId) => [.. _stored[pupilId].Select(l => storedContacts.GetValueOrDefault(l.ContactId)).OfType<Contact>()];

    /// <summary>The export's contacts of the pupil; a link kept from the store (<see cref="RefusedContacts"/>) names a stored contact the export does not carry.</summary>
    public List<Contact> Exported(string pupilId) =>
        [.. _exported[pupilId].Select(l => _exportContacts.GetValueOrDefault(l.ContactId) ?? storedContacts.GetValueOrDefault(l.ContactId)).OfType<Contact>()];

    /// <summary>The pupils <paramref name="contact"/> is stored for, by the same id or the same inbox, with the stored contact.</summary>
    public IEnumerable<(string PupilId, Contact Contact)> StoredFor(Contact contact) =>
        _storedByContact[contact.Id]
            .Concat(contact.Email is { Length: > 0 } email ? _storedIdsByInbox[email].Where(id => id != contact.Id).SelectMany(id => _storedByContact[id]) : [])
            .Select(l => (l.PupilId, Contact: storedContacts.GetValueOrDefault(l.ContactId)!))
            .Where(s => s.Contact is not null);

    /// <summary>Where the export lists the pupil's contacts: their first row of contacts.csv, or their record in a CTF.</summary>
    public static RowRef RowOf(SchoolExport export, string pupilId) =>
        export.PupilMentions.GetValueOrDefault(pupilId, []).Where(m => m.File == ContactsCsv.FileName).Select(m => new RowRef(m.File, m.Line))
            .FirstOrDefault(export.PupilRows.TryGetValue(pupilId, out var row) && row.File.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? row : new RowRef(ContactsCsv.FileName, 0));

    public static string Advice(string file) => file == ContactsCsv.FileName
        ? "check the Pupil UPN column was not sorted on its own in a spreadsheet"
        : "check the pupil's contacts in the MIS";
}
