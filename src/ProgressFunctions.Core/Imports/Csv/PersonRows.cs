namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>The rule for files where one person has several rows (contacts, staff): every row of one id names the same person.</summary>
internal static class PersonRows
{
    /// <summary>The ids whose rows name different people (by <paramref name="person"/>: name and e-mail), each row reported naming another.</summary>
    /// <remarks>The caller imports none of those ids' rows: either person could be the one the id belongs to.</remarks>
    public static HashSet<string> Conflicting<T>(
        IEnumerable<(T Row, string Id, int Line)> rows, Func<T, string> person, string file, CsvColumn column, ICollection<ImportIssue> issues)
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.DistinctBy(r => person(r.Row)).Count() > 1))
        {
            refused.Add(group.Key);
            foreach (var r in group)
            {
                var other = group.First(o => person(o.Row) != person(r.Row)).Line;
                issues.Add(ImportIssue.Error(file, r.Line, column.Name, group.Key,
                    $"{column.Name} {group.Key} is also used on line {other} for a different person (name or e-mail differ): none of its rows is imported"));
            }
        }

        return refused;
    }

    public static string Of(string forename, string surname, string? email) =>
        $"{forename.ToUpperInvariant()}|{surname.ToUpperInvariant()}|{email?.Trim().ToUpperInvariant()}";
}
