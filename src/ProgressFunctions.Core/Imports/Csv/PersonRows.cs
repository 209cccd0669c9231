namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>The rule for files where one person has several rows (contacts, staff): every row of one id names the same person.</summary>
internal static class PersonRows
{
    /// <summary>A row's person as the rule compares them: names ignoring case, the e-mail address ignoring case and spaces around it.</summary>
    public sealed record Person(string Forename, string Surname, string? Email)
    {
        /// <summary>Whether the row gave an e-mail address that is not one, so <see cref="Email"/> is null: said as such, not as blank.</summary>
        public bool EmailRefused { get; init; }

        public string Key => $"{Forename.ToUpperInvariant()}|{Surname.ToUpperInvariant()}|{Email?.Trim().ToUpperInvariant()}";

        /// <summary>What differs from <paramref name="other"/>, as a data manager checks it: "e-mail blank here, x@y.example on line 7".</summary>
        public string DifferenceFrom(Person other, int otherLine)
        {
            static string Shown(Person person) => person.Email?.Trim() is { Length: > 0 } v ? v : person.EmailRefused ? "not a valid address" : "blank";
            return !string.Equals(Forename, other.Forename, StringComparison.OrdinalIgnoreCase) || !string.Equals(Surname, other.Surname, StringComparison.OrdinalIgnoreCase)
                ? $"name {Forename} {Surname} here, {other.Forename} {other.Surname} on line {otherLine}"
                : $"e-mail {Shown(this)} here, {Shown(other)} on line {otherLine}";
        }
    }

    /// <summary>The ids whose rows name different people (by name and e-mail), each row reported naming another and what differs.</summary>
    /// <remarks>
    /// The caller imports none of those ids' rows: either person could be the one the id belongs to. A row without an
    /// e-mail address beside one with it counts as different too: the file cannot say whether the address was taken
    /// off or belongs to someone else, so the stored contact stands until the MIS agrees with itself.
    /// </remarks>
    public static HashSet<string> Conflicting(IEnumerable<(Person Person, string Id, int Line)> rows, string file, CsvColumn column, ICollection<ImportIssue> issues)
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.DistinctBy(r => r.Person.Key).Count() > 1))
        {
            refused.Add(group.Key);
            foreach (var r in group)
            {
                var other = group.First(o => o.Person.Key != r.Person.Key);
                issues.Add(ImportIssue.Error(file, r.Line, column.Name, group.Key,
                    $"{column.Name} {group.Key} is also used on line {other.Line} for a different person ({r.Person.DifferenceFrom(other.Person, other.Line)}): none of its rows is imported; make every row of this id name one person in the MIS"));
            }
        }

        return refused;
    }
}
