using System.Runtime.InteropServices;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>A column a CSV file may carry, with the names MIS exports give it.</summary>
public sealed record CsvColumn(string Name, bool Required, params string[] Aliases)
{
    internal IEnumerable<string> AllNames => [Name, .. Aliases];

    /// <summary>Whether a few values repeat on most rows (a subject, an assessment point, a grade): read as one string per distinct value in the file.</summary>
    /// <remarks>A school's export repeats each of them tens of thousands of times, and an import keeps them until it has stored them.</remarks>
    public bool Repeats { get; init; }
}

/// <summary>Finds each known column in a header row, case-insensitively and ignoring spaces, '_' and '-'.</summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<CsvColumn, int> _indexes;

    // Every field of every row asks for its column, and hashing a column record hashes every member, its name the
    // costliest: the columns asked for are a file's few static instances, so each is looked up by value once and then
    // found by reference.
    private readonly Dictionary<CsvColumn, int> _byInstance = new(ReferenceEqualityComparer.Instance);

    private HeaderMap(Dictionary<CsvColumn, int> indexes) => _indexes = indexes;

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
    public static HeaderMap? Match(CsvReader header, string file, IReadOnlyList<CsvColumn> columns, ICollection<ImportIssue> issues)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.FieldCount; i++)
        {
            byName.TryAdd(Normalise(header[i]), i);
        }

        var indexes = new Dictionary<CsvColumn, int>();
        var missing = new List<CsvColumn>();
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
        }

        foreach (var column in missing)
        {
            var hint = header.FieldCount == 1 && (header[0].Contains(';') || header[0].Contains('\t'))
                ? " (the file seems to use ';' or tabs between fields: save it as comma-separated)"
                : "";
            issues.Add(ImportIssue.Error(file, header.Line, column.Name, "", $"required column '{column.Name}' is missing{hint}"));
        }

        return missing.Count == 0 ? new HeaderMap(indexes) : null;
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
