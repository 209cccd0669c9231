using System.Globalization;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>Reads a small CSV file (pupils, contacts, staff...) row by row through a handler.</summary>
public static class CsvTable
{
    /// <summary>Calls <paramref name="onRow"/> for each well-formed data row; returns the number of rows accepted.</summary>
    /// <remarks>Blank lines are skipped; a row with the wrong number of fields is reported and skipped. A file that ends in
    /// the middle of a row (<see cref="CutShort"/>) is refused whole: 0, with one error about the file.</remarks>
    public static int Read(TextReader text, string file, IReadOnlyList<CsvColumn> columns, ICollection<ImportIssue> issues, Action<CsvRow> onRow) =>
        Read(text, file, columns, issues, onRow, out _);

    /// <summary>As <see cref="Read(TextReader, string, IReadOnlyList{CsvColumn}, ICollection{ImportIssue}, Action{CsvRow})"/>, giving the optional columns the header lacks in <paramref name="absent"/> (none when the header could not be read).</summary>
    public static int Read(TextReader text, string file, IReadOnlyList<CsvColumn> columns, ICollection<ImportIssue> issues, Action<CsvRow> onRow, out IReadOnlySet<CsvColumn> absent)
    {
        absent = new HashSet<CsvColumn>();
        var reader = new CsvReader(text);
        if (!reader.Read())
        {
            issues.Add(Empty(file));
            return 0;
        }

        var map = HeaderMap.Match(reader, file, columns, issues);
        if (map is null)
        {
            return 0;
        }

        absent = map.Absent;
        var width = reader.FieldCount;
        var header = HeaderCells(reader);
        var row = new CsvRow(reader, map, file, issues);
        var accepted = 0;
        while (reader.Read())
        {
            if (reader.IsBlank)
            {
                continue;
            }

            if (CutShort(reader, file, width) is { } cut)
            {
                issues.Add(cut);
                return 0;
            }

            if (!CheckShape(reader, file, width, issues) || RepeatsHeader(reader, header, file, issues))
            {
                continue;
            }

            row.HasErrors = false;
            onRow(row);
            accepted += row.HasErrors ? 0 : 1;
        }

        if (row.Dates.FileError(file, "records") is { } monthFirst)
        {
            issues.Add(monthFirst);
            return 0;
        }

        return accepted;
    }

    /// <summary>Whether the text holds a header and no row after it with any text in it.</summary>
    public static bool HoldsOnlyAHeader(TextReader text)
    {
        var reader = new CsvReader(text);
        if (!reader.Read())
        {
            return false;
        }

        while (reader.Read())
        {
            if (!reader.IsBlank)
            {
                return false;
            }
        }

        return true;
    }

    internal static ImportIssue Empty(string file) => ImportIssue.Error(file, 1, "", "", $"{file} is empty: expected a header row");

    /// <summary>The error that refuses the whole file when it ends in the middle of a row; null for any other row.</summary>
    /// <remarks>
    /// An interrupted copy or upload leaves a last line with fewer fields than the header and no line end, or one inside
    /// a quote never closed; importing the rows before it would take the rest of the roll as missing. A last line with
    /// every field but no line end is whole: many tools write files that way.
    /// </remarks>
    internal static ImportIssue? CutShort(CsvReader reader, string file, int width)
    {
        if (!reader.EndsWithoutLineEnd)
        {
            return null;
        }

        if (reader.UnterminatedQuote)
        {
            return ImportIssue.Error(file, 0, "", "", string.Create(CultureInfo.InvariantCulture,
                $"{file} ends inside a quoted field that opens on line {reader.Line} and is never closed: the file was cut short, as an interrupted copy or upload leaves it, or that line has a stray quote; nothing from it was imported: export it again"));
        }

        return reader.FieldCount < width
            ? ImportIssue.Error(file, 0, "", "", string.Create(CultureInfo.InvariantCulture,
                $"{file} stops in the middle of line {reader.LastLine} (it has {reader.FieldCount} of its {width} fields and no line end): the file was cut short, as an interrupted copy or upload leaves it; nothing from it was imported: export it again"))
            : null;
    }

    /// <summary>The header's cells as read, to know the header row again further down (<see cref="RepeatsHeader"/>).</summary>
    internal static string[] HeaderCells(CsvReader reader) => [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)];

    /// <summary>Whether the row is the header row again, reported as such: two exports of one file joined into one (pasted
    /// below each other, or appended by a script), where the row would otherwise be read as a pupil with UPN 'UPN'.</summary>
    /// <remarks>The first cell is compared first, so a data row costs one comparison.</remarks>
    internal static bool RepeatsHeader(CsvReader reader, string[] header, string file, ICollection<ImportIssue> issues)
    {
        if (reader.FieldCount != header.Length || header.Length == 0 || !reader[0].Trim().Equals(header[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (var i = 1; i < header.Length; i++)
        {
            if (!reader[i].Trim().Equals(header[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        issues.Add(ImportIssue.Error(file, reader.Line, "", "",
            $"this line repeats the header row (line 1): were two exports of {file} joined into one? The line is skipped; check that the rows after it are not the rows before it again"));
        return true;
    }

    internal static bool CheckShape(CsvReader reader, string file, int width, ICollection<ImportIssue> issues)
    {
        if (reader.FieldCount != width)
        {
            issues.Add(ImportIssue.Error(file, reader.Line, "", "",
                string.Create(CultureInfo.InvariantCulture, $"the row has {reader.FieldCount} fields but the header has {width} (a truncated row, or an unquoted comma)")));
            return false;
        }

        return true;
    }
}
