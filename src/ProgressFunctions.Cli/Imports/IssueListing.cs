using System.Globalization;
using System.Text.RegularExpressions;
using ProgressFunctions.Core.Imports;

namespace ProgressFunctions.Cli.Imports;

/// <summary>An export's problems as a person reads them on screen: those about a whole file or its header first, then a few of each kind of row problem.</summary>
/// <remarks>
/// One mistake repeats on every row: dates written month first, or a pupils.csv refused whole, which leaves every
/// contacts.csv row naming a pupil that is not there. Listed in full that is a thousand lines with the one that says
/// what happened among them. Rows alike (same file, column, severity and reason once the row's value is taken out)
/// are shown <see cref="Alike"/> at a time, followed by how many more there are; <c>--all</c> and <c>--json</c> list every one.
/// A reason that names more of its row than the value (a session's date and both marks, a line number) is alike
/// once those quoted values and numbers are taken out too: an attendance.csv joined to itself gives a warning on each
/// of ten thousand rows, all of one kind.
/// </remarks>
internal static partial class IssueListing
{
    public const int Alike = 5;

    /// <param name="issues">The export's problems, in the order read.</param>
    /// <param name="all">List every one, not <see cref="Alike"/> of each kind.</param>
    /// <param name="everyOne">Where every row is listed, as the "more rows like" line says it: validate's option, or ingest's errors file.</param>
    public static IEnumerable<string> Lines(IReadOnlyList<ImportIssue> issues, bool all, string everyOne = "--all lists every one")
    {
        var ordered = issues.Where(i => i.IsAboutWholeFile).Concat(issues.Where(i => !i.IsAboutWholeFile)).ToList();
        if (all)
        {
            return ordered.Select(i => i.ToString());
        }

        var totals = ordered.Where(i => !i.IsAboutWholeFile).CountBy(KindOf).ToDictionary();
        var shown = new Dictionary<(string, string, IssueSeverity, string), int>();
        var lines = new List<string>();
        foreach (var issue in ordered)
        {
            if (issue.IsAboutWholeFile)
            {
                lines.Add(issue.ToString());
                continue;
            }

            var kind = KindOf(issue);
            var count = shown[kind] = shown.GetValueOrDefault(kind) + 1;
            if (count <= Alike)
            {
                lines.Add(issue.ToString());
            }
            else if (count == Alike + 1)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{issue.File}:{issue.Column}: and {totals[kind] - Alike:N0} more rows like the {Alike} above ({everyOne})"));
            }
        }

        return lines;
    }

    /// <remarks>
    /// The row's value goes first, whole (a UPN such as "L201100018000" would otherwise leave its letter behind, and
    /// every pupil of an export be a kind of their own), and only when longer than one character: a mark such as 'M'
    /// taken out everywhere would turn "AM" into "A…" and split one kind into several. Quoted values and numbers after.
    /// </remarks>
    private static (string File, string Column, IssueSeverity Severity, string Reason) KindOf(ImportIssue issue)
    {
        var reason = issue.Value.Length > 1 ? issue.Reason.Replace(issue.Value, "…", StringComparison.Ordinal) : issue.Reason;
        return (issue.File, issue.Column, issue.Severity, RowDetails().Replace(reason, "…"));
    }

    /// <summary>What differs from row to row within one reason: a quoted value ('/', 'Q9') or a number (a date's parts, a line, a count).</summary>
    [GeneratedRegex(@"'[^']*'|\d+")]
    private static partial Regex RowDetails();
}
