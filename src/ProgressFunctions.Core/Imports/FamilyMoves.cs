using System.Globalization;
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
/// <see cref="PupilIdentity.ManyChanged"/> refuses names moved between pupils. The reason names pupil ids only. Fewer
/// are stored, each named to the data managers (<see cref="Warn"/>).
/// </para>
/// </remarks>
public static class FamilyMoves
{
    /// <summary>The fewest pupils moved to wholly new contacts at once that <see cref="ManyMoved"/> refuses.</summary>
    public const int MovedRefusedFrom = 10;

    /// <summary>Null unless many pupils' listed contacts share nobody with their stored ones; else a one-line reason saying what to check.</summary>
    public static string? ManyMoved(SchoolExport export, IReadOnlyList<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        var (compared, moved) = Compare(export, new ContactSides(export, storedLinks, storedContacts));
        return moved.Count < MovedRefusedFrom || moved.Count * 20 < compared
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{moved.Count} of the {compared} pupils whose contacts this export lists would have none of the contacts stored for them (pupils {string.Join(", ", moved.Order(StringComparer.Ordinal).Take(3))}...): the pupil column of contacts.csv sorted on its own, or another school's export? Nothing was imported: check contacts.csv against the MIS and export it again");
    }

    /// <summary>The export with a warning to the data managers for each pupil moved to wholly new contacts, and each contact moved to an unrelated pupil (<see cref="ContactMoves"/>).</summary>
    /// <remarks>
    /// For an export <see cref="ManyMoved"/> let through. A few pupils moved at once may be a real change, or the pupil
    /// column sorted over a few rows only: either way every report about them goes to the new contacts, so each is
    /// named, by pupil id (and the pupils the new contacts are stored for), to be checked before anything goes out.
    /// </remarks>
    public static SchoolExport Warn(SchoolExport export, IReadOnlyList<ContactLink> storedLinks, IReadOnlyDictionary<string, Contact> storedContacts)
    {
        var sides = new ContactSides(export, storedLinks, storedContacts);
        var (_, moved) = Compare(export, sides);
        var issues = moved.Order(StringComparer.Ordinal).Select(pupilId =>
        {
            var (file, line) = ContactSides.RowOf(export, pupilId);
            var from = sides.Exported(pupilId).SelectMany(c => sides.StoredFor(c)).Select(s => s.PupilId).Where(p => p != pupilId).Distinct().Order(StringComparer.Ordinal).ToList();
            var storedFor = from.Count == 0 ? "" : $" (they are stored for pupil{(from.Count == 1 ? "" : "s")} {string.Join(", ", from.Take(3))}{(from.Count > 3 ? "..." : "")})";
            return ImportIssue.Warning(file, line, ContactSides.PupilColumn, pupilId,
                $"pupil {pupilId}'s contacts in {file} share nobody with the contacts stored for them{storedFor}: {ContactSides.Advice(file)}; reports about {pupilId} will go to the new contacts") with { TellDataManagers = true };
        }).Concat(ContactMoves.Warnings(export, sides, moved.ToHashSet(StringComparer.Ordinal))).ToList();
        return issues.Count == 0 ? export : export with { Issues = [.. export.Issues, .. issues] };
    }

    /// <summary>How many listed pupils have contacts both stored and exported, and which of those share nobody between the two.</summary>
    private static (int Compared, List<string> Moved) Compare(SchoolExport export, ContactSides sides)
    {
        var (compared, moved) = (0, new List<string>());
        foreach (var pupilId in export.PupilsWithContactRows)
        {
            var (before, now) = (sides.Stored(pupilId), sides.Exported(pupilId));
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

        return (compared, moved);
    }
}
