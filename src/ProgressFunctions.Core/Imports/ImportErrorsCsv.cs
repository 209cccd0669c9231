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
}
