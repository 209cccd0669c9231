namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>One data row of a CSV file during reading, with its columns found by name and a place to report problems.</summary>
/// <remarks>A row the handler reports an error on is not accepted; warnings keep it.</remarks>
public sealed class CsvRow
{
    private readonly CsvReader _reader;
    private readonly HeaderMap _map;
    private readonly ICollection<ImportIssue> _issues;

    internal CsvRow(CsvReader reader, HeaderMap map, string file, ICollection<ImportIssue> issues)
    {
        _reader = reader;
        _map = map;
        File = file;
        _issues = issues;
    }

    public string File { get; }

    public int Line => _reader.Line;

    public bool HasErrors { get; internal set; }

    private readonly HashSet<string> _refusedPupilsReported = new(StringComparer.OrdinalIgnoreCase);

    public bool Has(CsvColumn column) => _map[column] >= 0;

    /// <summary>The trimmed value, or "" when the column is absent.</summary>
    public string Get(CsvColumn column) => _map[column] is var i and >= 0 ? (column.Repeats ? Repeated(i) : _reader.GetString(i)) : "";

    /// <summary>The most distinct values one file's repeating columns share strings for; any more are read one by one.</summary>
    internal const int MaxRepeated = 4096;

    private readonly Dictionary<string, string> _repeated = new(StringComparer.Ordinal);

    /// <summary>The trimmed value of a column whose values repeat (<see cref="CsvColumn.Repeats"/>): the string this file already gave for the same text.</summary>
    private string Repeated(int index)
    {
        var text = _reader[index].Trim();
        var seen = _repeated.GetAlternateLookup<ReadOnlySpan<char>>();
        if (seen.TryGetValue(text, out var known))
        {
            return known;
        }

        var value = text.ToString();
        if (_repeated.Count < MaxRepeated)
        {
            _repeated.Add(value, value);
        }

        return value;
    }

    public string? GetOrNull(CsvColumn column) => Get(column) is { Length: > 0 } value ? value : null;

    public void Error(CsvColumn column, string value, string reason)
    {
        HasErrors = true;
        _issues.Add(ImportIssue.Error(File, Line, column.Name, value, reason));
    }

    public void Warning(CsvColumn column, string value, string reason) =>
        _issues.Add(ImportIssue.Warning(File, Line, column.Name, value, reason));

    /// <summary>A required non-empty value; reports it missing otherwise.</summary>
    public string Required(CsvColumn column)
    {
        var value = Get(column);
        if (value.Length == 0)
        {
            Error(column, "", $"'{column.Name}' is empty");
        }

        return value;
    }

    /// <summary>A required, trimmed name or title: control characters (a tab or line break typed into the MIS) become spaces, with a warning.</summary>
    /// <remarks>Cleaned here, once, so that no later step (an e-mail header, a file name) has a reason to drop the person.
    /// A name where a letter was lost (<see cref="Schools.PersonName.LostLetter"/>) refuses the row.</remarks>
    public string Name(CsvColumn column, bool required = true)
    {
        var value = required ? Required(column) : Get(column);
        if (Schools.PersonName.LostLetter(value) is { } lost)
        {
            var why = lost == TextDecoding.NotUtf8
                ? $"holds bytes that are not UTF-8 (shown as {TextDecoding.NotUtf8}) in a file that is otherwise UTF-8"
                : "holds '?' where a letter should be: the program that saved the file could not write that letter";
            Error(column, value, $"'{column.Name}' {why}; the row is not imported: save the file as UTF-8 from the MIS, or correct the name, and import it again");
            return value;
        }

        if (!Schools.PersonName.NeedsCleaning(value))
        {
            return value;
        }

        var cleaned = Schools.PersonName.Clean(value);
        Warning(column, cleaned, $"'{column.Name}' held a tab, line break or other control character, each replaced by a space, or an invisible character (a zero-width space, a direction mark), removed");
        return cleaned;
    }

    /// <summary>The id of the pupil a dependent row names by UPN, or "" with an error.</summary>
    /// <remarks>
    /// A pupil refused in pupils.csv is reported once per file (on its first row here, pointing to its pupils.csv row);
    /// its further rows are refused without another message.
    /// </remarks>
    public string Pupil(CsvColumn column, PupilIndex pupils)
    {
        // The UPN is made a string only when it finds no pupil, for the error.
        if (_map[column] is var field and >= 0 && _reader[field].Trim() is { IsEmpty: false } upnField && pupils.Find(upnField) is { } found)
        {
            pupils.Mentioned(found, File, Line, column.Name);
            return found;
        }

        var upn = Required(column).ToUpperInvariant();
        if (upn.Length == 0)
        {
            return "";
        }

        if (pupils.Find(upn, out var problem, out var refused) is { } id)
        {
            pupils.Mentioned(id, File, Line, column.Name);
            return id;
        }

        if (!refused || _refusedPupilsReported.Add(upn))
        {
            Error(column, upn, problem!);
        }
        else
        {
            HasErrors = true;
        }

        return "";
    }

    public DateOnly? Date(CsvColumn column, bool required = false)
    {
        var value = _map[column] is var field and >= 0 ? _reader[field].Trim() : [];
        if (value.IsEmpty)
        {
            if (required)
            {
                Error(column, "", $"'{column.Name}' is empty");
            }

            return null;
        }

        var parsed = FieldParse.TryDate(value, out var date);
        if (Dates.Note(value, parsed, Line) is { } problem)
        {
            Error(column, value.ToString(), problem);
            return null;
        }

        return date;
    }

    /// <summary>How the file's dates read so far, to keep a month-first file out.</summary>
    internal DateOrderTally Dates { get; } = new();

    public bool Bool(CsvColumn column, bool whenAbsent = false)
    {
        if (!Has(column))
        {
            return whenAbsent;
        }

        var value = Get(column);
        if (FieldParse.TryBool(value, out var result))
        {
            return result;
        }

        Error(column, value, $"'{value}' is not yes or no (Y/N, true/false, 1/0)");
        return false;
    }

    public int? Int(CsvColumn column)
    {
        var value = Get(column);
        if (value.Length == 0)
        {
            return null;
        }

        if (FieldParse.TryInt(value, out var n))
        {
            return n;
        }

        Error(column, value, $"'{value}' is not a whole number");
        return null;
    }
}
