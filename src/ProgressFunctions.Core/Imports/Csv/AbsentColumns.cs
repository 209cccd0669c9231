namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>The warning that a file lacks an optional column whose stored values are kept: one per column, on the header line.</summary>
/// <remarks>
/// A column absent from the header is not a column of empty cells. Read as one, a single export without the SEN column
/// would clear the SEN status of every pupil, and one without Restriction would lift every court order; so the stored
/// value stands (<see cref="KeptForAbsentColumns"/>) and the data manager is told once, not once per row, which column
/// the MIS left out. An empty cell in a column the file has is the school's own word and is taken as it is.
/// </remarks>
internal static class AbsentColumns
{
    /// <summary>One warning for each column of <paramref name="absent"/> (the optional columns the header lacks, in the file's order) whose stored values are kept.</summary>
    public static void Warn(string file, int line, IEnumerable<CsvColumn> absent, ICollection<ImportIssue> issues)
    {
        foreach (var column in absent)
        {
            if (column.WhenAbsent is { } kept)
            {
                issues.Add(ImportIssue.Warning(file, line, column.Name, "",
                    $"{Opening(file, column)}: the stored {kept.Field} of each {kept.Record} is kept ({kept.ForNew} for a {kept.Record} new to the store)"));
            }
        }
    }

    /// <summary>Whether <paramref name="issue"/> is the warning that <paramref name="file"/> lacks <paramref name="column"/>.</summary>
    public static bool IsAbout(ImportIssue issue, string file, CsvColumn column) =>
        !issue.IsError && issue.IsAboutHeader && issue.Column == column.Name
        && string.Equals(issue.File, file, StringComparison.OrdinalIgnoreCase)
        && issue.Reason.StartsWith(Opening(file, column) + ":", StringComparison.Ordinal);

    public static string Opening(string file, CsvColumn column) => $"{file} has no {column.Name} column";
}
