using Quickenshtein;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>The warnings for header cells no column of the file reads: a typo ("Restricton"), a column given twice, one the MIS adds.</summary>
/// <remarks>
/// Ignored without a word, a misspelt optional column reads as an absent one, and the data manager never learns why a
/// field stopped changing. Each such cell close to a known column is one warning on the header line, naming that
/// column. The columns an MIS adds that are close to none (Ethnicity, Postcode) are one warning for the file, naming
/// them all: a warning each, on every import, would bury the one that matters.
/// </remarks>
internal static class UnknownColumns
{
    /// <summary>The most edits (letters added, dropped or changed, ignoring case, spaces, '_' and '-') between a header and the name suggested for it.</summary>
    private const int MaxEdits = 2;

    /// <summary>One warning for each header cell that is not the field index of a column in <paramref name="read"/>.</summary>
    public static void Warn(CsvReader header, string file, IReadOnlyList<CsvColumn> columns, IReadOnlyDictionary<CsvColumn, int> read, ICollection<ImportIssue> issues)
    {
        var used = read.Values.ToHashSet();
        var unknown = new List<string>();
        for (var i = 0; i < header.FieldCount; i++)
        {
            var name = header.GetString(i);
            var normal = HeaderMap.Normalise(name);
            // A cell with no name (a spreadsheet's trailing comma) has nothing to read or to misspell.
            if (used.Contains(i) || normal.Length == 0)
            {
                continue;
            }

            if (columns.FirstOrDefault(c => c.AllNames.Any(n => HeaderMap.Normalise(n) == normal)) is { } twice && read.TryGetValue(twice, out var first))
            {
                var kept = header.GetString(first);
                issues.Add(ImportIssue.Warning(file, header.Line, name, name, $"{file} has the {twice.Name} column twice, as '{kept}' and '{name}': only '{kept}' is read"));
                continue;
            }

            // A column the file already has is not the one meant ("ULN" beside a UPN column is not a misspelt UPN).
            if (Closest(normal, [.. columns.Where(c => !read.ContainsKey(c))]) is { } closest)
            {
                issues.Add(ImportIssue.Warning(file, header.Line, name, name, $"{file} has a column '{name}' that the import does not know, so it is not read: did you mean '{closest}'?"));
            }
            else
            {
                unknown.Add(name);
            }
        }

        if (unknown.Count > 0)
        {
            var names = string.Join(", ", unknown.Select(n => $"'{n}'"));
            issues.Add(ImportIssue.Warning(file, header.Line, unknown[0], string.Join(", ", unknown), unknown.Count == 1
                ? $"{file} has a column {names} that the import does not know, so it is not read (docs/import-format.md lists the columns of each file)"
                : $"{file} has {unknown.Count} columns the import does not know, so they are not read: {names} (docs/import-format.md lists the columns of each file)"));
        }
    }

    /// <summary>The known name (a column's or an alias) fewest edits away, when it is close enough to be the one meant.</summary>
    private static string? Closest(string normal, IReadOnlyList<CsvColumn> columns)
    {
        string? closest = null;
        var fewest = int.MaxValue;
        foreach (var known in columns.SelectMany(c => c.AllNames))
        {
            var candidate = HeaderMap.Normalise(known);
            // Two edits turn any two-letter name into another ("ID" into "PR"): a short name must be nearly all there.
            var allowed = Math.Min(MaxEdits, candidate.Length - 2);
            var edits = Levenshtein.GetDistance(normal, candidate);
            if (edits <= allowed && edits < fewest)
            {
                (closest, fewest) = (known, edits);
            }
        }

        return closest;
    }
}
