using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Stops sending to the stored contacts of a pupil whom contacts.csv no longer gives any contact.</summary>
/// <remarks>
/// <para>
/// A pupil with rows in contacts.csv has exactly those contacts; one without rows used to keep the contacts stored for
/// them, so a parent the MIS took off (for safeguarding, say) still received the child's report. When contacts.csv
/// was read whole, a pupil that pupils.csv lists and contacts.csv does not has no contacts: their stored links go,
/// their reports reach nobody (the not-sent list says so) and the data managers are told, by pupil id.
/// </para>
/// <para>
/// When many pupils lose every contact at once (at least <see cref="KeptFrom"/> and a twentieth of the pupils
/// listed), contacts.csv was more likely cut short than every family removed: the stored contacts are kept and the
/// data managers are told to export it again.
/// </para>
/// </remarks>
public static class ContactRemovals
{
    /// <summary>The fewest pupils losing every contact at once for which the stored contacts are kept instead.</summary>
    public const int KeptFrom = 10;

    public static SchoolExport Apply(SchoolExport export, IReadOnlyList<ContactLink> storedLinks)
    {
        if (export.PupilsWithContactRows.Count == 0 || export.Issues.Any(i => i.StopsItsFile && string.Equals(i.File, Csv.ContactsCsv.FileName, StringComparison.OrdinalIgnoreCase)))
        {
            return export;
        }

        var linked = storedLinks.Select(l => l.PupilId).ToHashSet(StringComparer.Ordinal);
        var removed = export.Pupils.Where(p => linked.Contains(p.Id) && !export.PupilsWithContactRows.Contains(p.Id)).ToList();
        if (removed.Count == 0)
        {
            return export;
        }

        if (removed.Count >= KeptFrom && removed.Count * 20 >= export.Pupils.Count)
        {
            var reason = $"contacts.csv lists no contact for {removed.Count} pupils who have contacts stored (pupils {string.Join(", ", removed.Select(p => p.Id).Order(StringComparer.Ordinal).Take(3))}...): "
                + "their stored contacts are kept. If contacts.csv was cut short, export it again; a family removed in the MIS stays until it is whole";
            return export with { Issues = [.. export.Issues, ImportIssue.Warning(Csv.ContactsCsv.FileName, 0, "", "", reason) with { TellDataManagers = true }] };
        }

        var issues = removed.Select(p => ImportIssue.Warning(Csv.ContactsCsv.FileName, 0, "Pupil ID", p.Id,
            $"pupil {p.Id} is in pupils.csv but contacts.csv lists no contact for them: the contacts stored for them are no longer used, so no report about them is e-mailed until the MIS lists one") with { TellDataManagers = true });
        return export with
        {
            PupilsWithContactRows = export.PupilsWithContactRows.Union(removed.Select(p => p.Id), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal),
            Issues = [.. export.Issues, .. issues],
        };
    }
}
