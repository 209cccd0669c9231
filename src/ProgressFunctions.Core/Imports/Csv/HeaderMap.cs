using System.Runtime.InteropServices;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>A column a CSV file may carry, with the names MIS exports give it.</summary>
public sealed record CsvColumn(string Name, bool Required, params string[] Aliases)
{
    internal IEnumerable<string> AllNames => [Name, .. Aliases];

    /// <summary>Whether a few values repeat on most rows (a subject, an assessment point, a grade): read as one string per distinct value in the file.</summary>
    /// <remarks>A school's export repeats each of them tens of thousands of times, and an import keeps them until it has stored them.</remarks>
    public bool Repeats { get; init; }

    /// <summary>For an optional column that holds a stored value: what a file without the column keeps (<see cref="AbsentColumns"/>).</summary>
    /// <remarks>Null where absence blanks nothing stored (an id the product derives, a column of a file of events).</remarks>
    public KeptWhenAbsent? WhenAbsent { get; init; }

    /// <summary>Why a required column is required, said in the error when a file lacks it.</summary>
    public string? WhyRequired { get; init; }
}

/// <summary>What a file without a column keeps: the stored <see cref="Field"/> of each <see cref="Record"/>; a record new to the store gets <see cref="ForNew"/>.</summary>
public sealed record KeptWhenAbsent(string Record, string Field, string ForNew);

/// <summary>Finds each known column in a header row, case-insensitively and ignoring spaces, '_' and '-'.</summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<CsvColumn, int> _indexes;

    // Every field of every row asks for its column, and hashing a column record hashes every member, its name the
    // costliest: the columns asked for are a file's few static instances, so each is looked up by value once and then
    // found by reference.
    private readonly Dictionary<CsvColumn, int> _byInstance = new(ReferenceEqualityComparer.Instance);

    private HeaderMap(Dictionary<CsvColumn, int> indexes, IReadOnlySet<CsvColumn> absent) => (_indexes, Absent) = (indexes, absent);

    /// <summary>The optional columns the header does not have.</summary>
    public IReadOnlySet<CsvColumn> Absent { get; }

    /// <summary>The column's field index, or -1 when the header does not have it.</summary>
    public int this[CsvColumn column]
    {
        get
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_byInstance, column, out var known);
            if (!known)
            {
                index = _indexes.TryGetValue(column, out var i) ? i : -1;
            }

            return index;
        }
    }

    /// <summary>Maps the header the reader is on; null (with an issue per missing column) when a required one is absent.</summary>
    /// <remarks>A header cell no column reads is a warning, and so is each optional column that keeps a stored value when absent.</remarks>
    public static HeaderMap? Match(CsvReader header, string file, IReadOnlyList<CsvColumn> columns, ICollection<ImportIssue> issues)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.FieldCount; i++)
        {
            byName.TryAdd(Normalise(header[i]), i);
        }

        var indexes = new Dictionary<CsvColumn, int>();
        var missing = new List<CsvColumn>();
        var absent = new HashSet<CsvColumn>();
        foreach (var column in columns)
        {
            var found = column.AllNames.Select(n => byName.GetValueOrDefault(Normalise(n), -1)).FirstOrDefault(i => i >= 0, -1);
            if (found >= 0)
            {
                indexes[column] = found;
            }
            else if (column.Required)
            {
                missing.Add(column);
            }
            else
            {
                absent.Add(column);
            }
        }

        var otherDelimiter = header.FieldCount == 1 && (header[0].Contains(';') || header[0].Contains('\t'));
        // A first line naming no column is most likely a row of data: its cells are a pupil's details, not column names.
        var noHeader = indexes.Count == 0 && !otherDelimiter;
        foreach (var column in missing)
        {
            var why = column.WhyRequired is { } reason ? $": {reason}" : "";
            var hint = otherDelimiter ? " (the file seems to use ';' or tabs between fields: save it as comma-separated)"
                : noHeader ? " (line 1 names none of the file's columns: is the header row missing?)"
                : "";
            issues.Add(ImportIssue.Error(file, header.Line, column.Name, "", $"required column '{column.Name}' is missing{why}{hint}"));
        }

        // The errors above explain both: a file split on the wrong character has one header cell, and one with no header
        // would have its first row of personal data repeated back as unknown column names.
        if (!otherDelimiter && !noHeader)
        {
            UnknownColumns.Warn(header, file, columns, indexes, issues);
        }

        if (missing.Count > 0)
        {
            return null;
        }

        AbsentColumns.Warn(file, header.Line, columns.Where(absent.Contains), issues);
        return new HeaderMap(indexes, absent);
    }

    internal static string Normalise(ReadOnlySpan<char> name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 128)];
        var n = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) && n < buffer.Length)
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }
}
