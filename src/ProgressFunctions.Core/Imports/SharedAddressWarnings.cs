using System.Globalization;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Reports.Routing;

namespace ProgressFunctions.Core.Imports;

/// <summary>Tells the data managers of each e-mail address an export gives to contacts of more than one family (<see cref="SharedAddresses"/>).</summary>
/// <remarks>
/// Sending already refuses those contacts; the warning is what gets the MIS fixed, so it goes to the data managers
/// (<see cref="ImportIssue.TellDataManagers"/>) with every import that still has the address shared. It names contacts
/// and pupils by id, never the address.
/// </remarks>
public static class SharedAddressWarnings
{
    public static SchoolExport Add(SchoolExport export)
    {
        var shared = SharedAddresses.Find(export.Contacts, export.ContactLinks);
        if (shared.Count == 0)
        {
            return export;
        }

        var contacts = export.Contacts.Where(c => shared.ContainsKey(c.Id)).DistinctBy(c => c.Id).ToList();
        var pupilsOf = export.ContactLinks.ToLookup(l => l.ContactId, l => l.PupilId, StringComparer.Ordinal);
        var file = export.RecordsRead.Keys.FirstOrDefault(k => k.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) ?? ContactsCsv.FileName;
        var issues = contacts.GroupBy(c => c.Email!, Email.EmailAddress.Inbox)
            .Select(g => g.OrderBy(c => c.Id, StringComparer.Ordinal).ToList())
            .OrderBy(g => g[0].Id, StringComparer.Ordinal)
            .Select(g => ImportIssue.Warning(file, 0, ContactsCsv.Email.Name, string.Join(" ", g.Select(c => c.Id)),
                $"{g.Count.ToString(CultureInfo.InvariantCulture)} contacts of different families have the same e-mail address: " +
                string.Join(", ", g.Select(c => $"contact {c.Id} (pupil {string.Join(" and ", pupilsOf[c.Id].Distinct().Order(StringComparer.Ordinal))})")) +
                ". Nothing about a pupil is e-mailed to any of them until each has their own address in the MIS") with { TellDataManagers = true });
        return export with { Issues = [.. export.Issues, .. issues] };
    }
}
