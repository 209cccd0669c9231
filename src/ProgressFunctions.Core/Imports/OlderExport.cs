using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>What an export made before the data already stored may change: only what the store does not hold yet.</summary>
/// <remarks>
/// <para>
/// An older export uploaded late (two uploads at once, a re-run of last week's file) is not the MIS's word now; the newer
/// export stored stands. Its marks merge session by session, a newer stamp winning (<see cref="ExportMerge"/>), and a
/// restriction it cannot lift stays (<see cref="ContactSafeguards"/>).
/// </para>
/// <para>
/// Here: a pupil the store holds keeps their stored record, a stored contact its details (an address corrected since),
/// a pupil with stored contact links those links (a link the MIS removed since is not restored), the stored staff list
/// and caseloads stand, and nobody is taken off roll (a pupil admitted since is not in the older file). Marked
/// <see cref="SchoolExport.OlderThanStored"/>, so the merge adds only results the store lacks and a stored pupil's
/// targets, behaviour and homework stay (<see cref="ExportMerge"/>, <c>IngestPlan</c>). Pupils, contacts and results the
/// store does not hold are added. One warning to the data managers says what was not applied.
/// </para>
/// </remarks>
public static class OlderExport
{
    /// <param name="export">The export, its <see cref="SchoolExport.ExportedAt"/> settled (<see cref="ExportTime"/>).</param>
    /// <param name="storedPupils">The stored pupils by id.</param>
    /// <param name="storedContacts">The stored contacts by id.</param>
    /// <param name="storedLinks">Every stored contact link.</param>
    /// <param name="storedAt">When the newest export stored was made; null when nothing is stored.</param>
    public static SchoolExport Limit(
        SchoolExport export, IReadOnlyDictionary<string, Pupil> storedPupils, IReadOnlyDictionary<string, Contact> storedContacts, IEnumerable<ContactLink> storedLinks, DateTimeOffset? storedAt)
    {
        if (export.ExportedAt is not { } made || storedAt is not { } stored || made >= stored)
        {
            return export;
        }

        var storedByPupil = storedLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var exportedByPupil = export.ContactLinks.ToLookup(l => l.PupilId, StringComparer.Ordinal);
        var linked = storedByPupil.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var pupils = export.Pupils.Select(p => storedPupils.TryGetValue(p.Id, out var kept) ? kept : p).ToList();
        var changedPupils = pupils.Where((p, i) => !ReferenceEquals(p, export.Pupils[i]) && p != export.Pupils[i]).Count();
        var contacts = export.Contacts.Where(c => !storedContacts.ContainsKey(c.Id)).ToList();
        var changedContacts = export.Contacts.Count(c => storedContacts.TryGetValue(c.Id, out var before) && before != c);
        var links = export.ContactLinks.Where(l => !linked.Contains(l.PupilId)).ToList();
        var withRows = export.PupilsWithContactRows.Where(id => !linked.Contains(id)).ToHashSet(StringComparer.Ordinal);
        // Counted only where the older links differ: the same links kept are no change kept from anyone.
        var keptLinks = export.PupilsWithContactRows.Count(id => linked.Contains(id) && !SameLinks(storedByPupil[id], exportedByPupil[id]));
        var warning = ImportIssue.Warning("school.json", 0, "exportedAt", $"{made:yyyy-MM-dd HH:mm}",
            $"this export was made on {made:yyyy-MM-dd HH:mm} UTC, before the data stored ({stored:yyyy-MM-dd HH:mm} UTC): it takes nobody off roll, and the stored records of "
            + $"{changedPupils} pupils, {changedContacts} contacts and {keptLinks} pupils' contact links it would have changed are kept as the newer export left them. "
            + "Its marks change only sessions no newer export set, and its results only add those the store lacks; stored pupils' targets, behaviour and homework stay. If this export is the newer, export again from the MIS") with { TellDataManagers = true };
        return export with
        {
            Pupils = pupils,
            Contacts = contacts,
            ContactLinks = links,
            PupilsWithContactRows = withRows,
            Staff = [],
            StaffRoles = [],
            Caseloads = null,
            OlderThanStored = true,
            Issues = [.. export.Issues, warning],
        };
    }

    private static bool SameLinks(IEnumerable<ContactLink> stored, IEnumerable<ContactLink> exported) =>
        stored.ToHashSet().SetEquals(exported);
}
