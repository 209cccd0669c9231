using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>Checks that the pupils of an export are the pupils already stored under the same ids, before they are merged.</summary>
/// <remarks>
/// A pupil's identity is its UPN and its id together. An id the store knows under a different UPN, or a UPN the store
/// knows under a different id, is never re-linked silently: the export's pupil is refused with an error giving both
/// UPNs (or both ids), and so is everything in the export that refers to it (contacts, marks, results, targets,
/// behaviour, homework, interventions, caseloads: <see cref="RefusedPupils"/>). The one expected change is a temporary UPN (ending in a letter) replaced by the permanent
/// one: that is accepted, with a warning so the data manager sees it. The errors are issues of pupils.csv, so an
/// export with one is not taken as the full roll.
/// </remarks>
public static class PupilIdentity
{
    public static SchoolExport Check(SchoolExport export, IReadOnlyDictionary<string, Pupil> stored)
    {
        var idByUpn = stored.Values.GroupBy(p => p.Upn, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var storedIdAnyCase = stored.Keys.GroupBy(id => id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var issues = new List<ImportIssue>();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pupil in export.Pupils)
        {
            var (file, line) = export.PupilRows.GetValueOrDefault(pupil.Id, new RowRef("pupils", 0));
            if (stored.TryGetValue(pupil.Id, out var before) && !string.Equals(before.Upn, pupil.Upn, StringComparison.OrdinalIgnoreCase))
            {
                if (IsTemporary(before.Upn) && !IsTemporary(pupil.Upn))
                {
                    issues.Add(ImportIssue.Warning(file, line, "UPN", pupil.Upn, $"pupil {pupil.Id}'s temporary UPN {before.Upn} is replaced by the permanent UPN {pupil.Upn}"));
                    continue;
                }

                issues.Add(ImportIssue.Error(file, line, "Pupil ID", pupil.Id,
                    $"Pupil ID {pupil.Id} is stored for UPN {before.Upn} but this export gives it UPN {pupil.Upn}: not imported, nor anything else about this pupil in the export (check the MIS: an id never moves to another pupil)"));
                refused.Add(pupil.Id);
            }
            else if (!stored.ContainsKey(pupil.Id) && storedIdAnyCase.TryGetValue(pupil.Id, out var sameButCase))
            {
                // Report files are named by id, and two ids of one spelling are one file on Windows and macOS.
                issues.Add(ImportIssue.Error(file, line, "Pupil ID", pupil.Id,
                    $"Pupil ID {pupil.Id} differs from stored pupil {sameButCase}'s only in letter case: not imported, nor anything else about this pupil in the export (check the MIS: letter case does not tell pupils apart)"));
                refused.Add(pupil.Id);
            }
            else if (idByUpn.TryGetValue(pupil.Upn, out var storedId) && storedId != pupil.Id)
            {
                issues.Add(ImportIssue.Error(file, line, "UPN", pupil.Upn,
                    $"UPN {pupil.Upn} is stored as pupil {storedId} but this export gives it Pupil ID {pupil.Id}: not imported, nor anything else about this pupil in the export ({WhatToCheck(storedId, pupil.Id)})"));
                refused.Add(pupil.Id);
            }
        }

        if (issues.Count == 0)
        {
            return export;
        }

        return RefusedPupils.Without(export, refused, issues);
    }

    /// <summary>What the data manager is to put right when a stored UPN comes with another id.</summary>
    /// <remarks>
    /// Admission numbers are digits with leading zeros ("000123"), and a spreadsheet that opens and saves the file
    /// writes them as numbers ("123"), so every pupil of the export comes with another id. The MIS is right and the file
    /// is not: sent to the MIS, the data manager finds nothing to correct there.
    /// </remarks>
    private static string WhatToCheck(string storedId, string exportId) =>
        storedId.All(char.IsAsciiDigit) && exportId.All(char.IsAsciiDigit) && storedId.TrimStart('0') == exportId.TrimStart('0')
            ? "the two ids differ only in leading zeros, which a spreadsheet drops when it saves the file: export again from the MIS and import that file as it is, or set the column to text before saving"
            : "check the MIS: a pupil keeps one id";

    /// <summary>Warns the data managers of each pupil whose legal name or date of birth changes, and refuses pupils whose names moved between them.</summary>
    /// <remarks>
    /// For an export <see cref="ManyChanged"/> has let through, so the changes are few. A name can change (adoption, a
    /// corrected spelling), and the import report says whose did, by pupil id, so that it is checked before reports
    /// go out under it. A pupil who comes with the name stored for another pupil of the export, whose own name
    /// changes too, has swapped names with them: both are refused, with everything about them in the export, as a
    /// UPN moved between pupils is, because every report would go out under the other child's name.
    /// </remarks>
    public static SchoolExport Renamed(SchoolExport export, IReadOnlyDictionary<string, Pupil> stored)
    {
        var changed = export.Pupils.Where(p => stored.TryGetValue(p.Id, out var before) && !SamePerson(before, p)).ToList();
        if (changed.Count == 0)
        {
            return export;
        }

        var changedIds = changed.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var storedByName = stored.Values.ToLookup(NameOf, StringComparer.OrdinalIgnoreCase);
        var issues = new List<ImportIssue>();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pupil in changed)
        {
            var (file, line) = export.PupilRows.GetValueOrDefault(pupil.Id, new RowRef("pupils", 0));
            var from = storedByName[NameOf(pupil)].FirstOrDefault(other => other.Id != pupil.Id && changedIds.Contains(other.Id));
            if (from is not null)
            {
                issues.Add(ImportIssue.Error(file, line, "Legal Surname", pupil.Id,
                    $"pupil {pupil.Id} comes with the legal name stored for pupil {from.Id}, whose name changes too: names moved between pupils? Not imported, nor anything else about this pupil in the export (check pupils.csv against the MIS)"));
                refused.Add(pupil.Id);
                continue;
            }

            var (column, what) = WhatChanged(stored[pupil.Id], pupil);
            issues.Add(ImportIssue.Warning(file, line, column, pupil.Id,
                $"pupil {pupil.Id}'s {what} in this export: check it in the MIS before reports go out under it") with { TellDataManagers = true });
        }

        return RefusedPupils.Without(export, refused, issues);
    }

    /// <summary>The first column that changed, and the words for every change: "legal surname and date of birth change".</summary>
    private static (string Column, string What) WhatChanged(Pupil before, Pupil now)
    {
        static bool Differ(string a, string b) => !string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
        var changes = new List<(string Column, string Words)>();
        if (Differ(before.LegalSurname, now.LegalSurname))
        {
            changes.Add(("Legal Surname", "legal surname"));
        }

        if (Differ(before.LegalForename, now.LegalForename))
        {
            changes.Add(("Legal Forename", "legal forename"));
        }

        if (before.DateOfBirth is { } was && now.DateOfBirth is { } @is && was != @is)
        {
            changes.Add(("Date of Birth", "date of birth"));
        }

        return (changes[0].Column, Reports.ReportFormat.Listed([.. changes.Select(c => c.Words)]) + (changes.Count == 1 ? " changes" : " change"));
    }

    private static string NameOf(Pupil pupil) => pupil.LegalForename.Trim() + "\n" + pupil.LegalSurname.Trim();

    /// <summary>The fewest pupils whose names or dates of birth change at once that <see cref="ManyChanged"/> refuses.</summary>
    public const int ChangedRefusedFrom = 10;

    /// <summary>Null unless many pupils stored under the export's ids come with another name or date of birth; else a one-line reason saying what to check.</summary>
    /// <remarks>
    /// A pupil's legal name or date of birth changes rarely, one pupil at a time. Hundreds at once is one column sorted
    /// on its own in a spreadsheet, or another export of the same ids: merged, every report would go out under one
    /// child's name with another child's figures, to the first child's family. Refused whole, before anything is
    /// stored, when at least <see cref="ChangedRefusedFrom"/> pupils and a twentieth of those the export shares with
    /// the store have changed. The reason names pupil ids only.
    /// </remarks>
    public static string? ManyChanged(SchoolExport export, IReadOnlyDictionary<string, Pupil> stored)
    {
        var (shared, changed) = (0, new List<string>());
        foreach (var pupil in export.Pupils)
        {
            if (stored.TryGetValue(pupil.Id, out var before))
            {
                shared++;
                if (!SamePerson(before, pupil))
                {
                    changed.Add(pupil.Id);
                }
            }
        }

        return changed.Count < ChangedRefusedFrom || changed.Count * 20 < shared
            ? null
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{changed.Count} of the {shared} pupils this export shares with the store come with another legal name or date of birth (pupils {string.Join(", ", changed.Order(StringComparer.Ordinal).Take(3))}...): a column sorted on its own in a spreadsheet, or another school's or year's export under these ids? Nothing was imported: check pupils.csv against the MIS and export it again");
    }

    /// <summary>The same legal forename, surname (any case, trimmed) and date of birth, where both give one.</summary>
    private static bool SamePerson(Pupil before, Pupil now) =>
        string.Equals(before.LegalSurname.Trim(), now.LegalSurname.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(before.LegalForename.Trim(), now.LegalForename.Trim(), StringComparison.OrdinalIgnoreCase)
        && (before.DateOfBirth is null || now.DateOfBirth is null || before.DateOfBirth == now.DateOfBirth);

    /// <summary>A temporary UPN ends in a letter; a permanent one in a digit (DfE UPN standard).</summary>
    public static bool IsTemporary(string upn) => upn.Length == 13 && char.IsAsciiLetter(upn[^1]);
}
