using System.Globalization;
using System.Text;
using ProgressFunctions.Core.Reports;

namespace ProgressFunctions.Core.Imports;

/// <summary>The rows an import refused (and its warnings), as the CSV the data manager opens in a spreadsheet.</summary>
public static class ImportErrorsCsv
{
    public static string Header { get; } = SpreadsheetCsv.Row("file", "line", "column", "value", "reason", "severity");

    public static string Write(IEnumerable<ImportIssue> issues)
    {
        var csv = new StringBuilder(Header);
        foreach (var issue in issues)
        {
            csv.Append(SpreadsheetCsv.Row(issue.File, issue.Line.ToString(CultureInfo.InvariantCulture), issue.Column, issue.Value, issue.Reason,
                issue.Severity.ToString().ToLowerInvariant()));
        }

        return csv.ToString();
    }

    /// <summary>The most warnings for the data managers (<see cref="ImportIssue.TellDataManagers"/>) an e-mail quotes; the file holds them all.</summary>
    public const int WarningsQuoted = 5;

    /// <summary>The file in a few lines for the e-mail that carries it: each file refused whole with why, the warnings the
    /// data managers must check, then each file's counts.</summary>
    /// <remarks>Reasons and counts only, never a row's values (names, dates of birth): those stay in the attached file.</remarks>
    public static IReadOnlyList<string> Summary(IReadOnlyList<ImportIssue> issues)
    {
        var lines = issues.Where(i => i.StopsItsFile).Select(i => $"{i.File} was not imported at all: {i.Reason}").ToList();
        var check = issues.Where(i => !i.IsError && i.TellDataManagers).ToList();
        lines.AddRange(check.Take(WarningsQuoted).Select(i => $"To check, {i.File}: {i.Reason}"));
        if (check.Count > WarningsQuoted)
        {
            lines.Add($"{(check.Count - WarningsQuoted).ToString(CultureInfo.InvariantCulture)} more to check in the attached file.");
        }

        // A file refused whole imported no row: its row errors would only say "the rest was imported" of it.
        var stopped = issues.Where(i => i.StopsItsFile).Select(i => i.File).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var counts = issues.Where(i => !stopped.Contains(i.File)).GroupBy(i => i.File, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (File: g.Key, Errors: g.Count(i => i.IsError), Warnings: g.Count(i => !i.IsError)))
            .Select(f => $"{f.File}: " + string.Join(", ", new[]
            {
                f.Errors == 0 ? null : f.Errors == 1 ? "1 error (its row was not imported)" : $"{f.Errors.ToString(CultureInfo.InvariantCulture)} errors (those rows were not imported)",
                f.Warnings == 0 ? null : f.Warnings == 1 ? "1 warning" : $"{f.Warnings.ToString(CultureInfo.InvariantCulture)} warnings",
            }.OfType<string>()))
            .ToList();
        if (counts.Count > 0)
        {
            lines.Add(string.Join("; ", counts) + ". The rest of each file was imported.");
        }

        return lines;
    }
}
