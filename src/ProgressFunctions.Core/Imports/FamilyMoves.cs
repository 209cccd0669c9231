using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Refuses an export that gives many pupils a wholly new set of contacts at once: the families would be swapped, not updated.</summary>
/// <remarks>
/// <para>
/// A pupil's contacts change a few at a time: a new carer, an address, a parent taken off. A pupil whose contacts.csv
/// rows name none of the people stored for them (no contact with the same id, e-mail address, or forename and surname)
/// has moved to another family. One such pupil may be a real change; many at once is the pupil column of contacts.csv
/// sorted on its own in a spreadsheet, and merged it would send every report to another child's parents.
/// </para>
/// <para>
/// Counted over the pupils the export lists contacts for who have stored contacts; refused whole, before anything is
/// stored, when at least <see cref="MovedRefusedFrom"/> pupils and a twentieth of those have moved, as
/// <see cref="PupilIdentity.ManyChanged"/> refuses names moved between pupils. The reason names pupil ids only.
/// </para>
/// </remarks>
public static class FamilyMoves
{
    /// <summary>The fewest pupils moved to wholly new contacts at once that <see cref="ManyMoved"/> refuses.</summary>
    public const int MovedRefusedFrom = 10;

    /// <summary>Null unless many pupils' listed contacts share nobody with their stored ones; else a one-line reason saying what to check.</summary>
    public static string? ManyMoved(SchoolExport export, IReadOnlyList<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        var stored = storedLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var listed = export.ContactLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var exported = export.Contacts.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var (compared, moved) = (0, new List<string>());
        foreach (var pupilId in export.PupilsWithContactRows)
        {
            var before = stored[pupilId].Select(l => storedContacts.GetValueOrDefault(l.ContactId)).OfType<Contact>().ToList();
            var now = listed[pupilId].Select(l => exported.GetValueOrDefault(l.ContactId)).OfType<Contact>().ToList();
            if (before.Count == 0 || now.Count == 0)
            {
                continue;
            }

            compared++;
            if (!now.Any(n => before.Any(b => ContactMatch.SamePerson(b, n))))
            {
                moved.Add(pupilId);
            }
        }

        return moved.Count < MovedRefusedFrom || moved.Count * 20 < compared
            ? null
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{moved.Count} of the {compared} pupils whose contacts this export lists would have none of the contacts stored for them (pupils {string.Join(", ", moved.Order(StringComparer.Ordinal).Take(3))}...): the pupil column of contacts.csv sorted on its own, or another school's export? Nothing was imported: check contacts.csv against the MIS and export it again");
    }
}
