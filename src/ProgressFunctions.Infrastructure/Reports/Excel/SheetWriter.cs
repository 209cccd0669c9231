using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Infrastructure.Reports.Excel;

/// <summary>Lays out one <see cref="SheetTable"/> as a worksheet: frozen header, auto-filter, band colours, print setup.</summary>
/// <remarks>Children are appended in the order the schema (CT_Worksheet) requires; Excel refuses a file that breaks it.</remarks>
internal static class SheetWriter
{
    public static Worksheet Write(SheetTable table, SharedStrings strings)
    {
        var lastColumn = Column(table.Header.Count - 1);
        var lastRow = table.Rows.Count + 1;
        var data = new SheetData(Row(1, table.Header.Select(h => (SheetCell?)new TextCell(h)).ToList(), strings, WorkbookStyles.Header));
        for (var i = 0; i < table.Rows.Count; i++)
        {
            data.Append(Row((uint)i + 2, table.Rows[i], strings, style: null));
        }

        var worksheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetDimension { Reference = $"A1:{lastColumn}{lastRow}" },
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0, TabSelected = false }),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            Columns(table),
            data,
            new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" });
        if (table.BandColumn is { } band && table.Rows.Count > 0)
        {
            worksheet.Append(BandColours(Column(band), lastRow));
        }

        worksheet.Append(
            new PrintOptions { GridLines = true },
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 },
            new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
        return worksheet;
    }

    /// <summary>The column letters of a 0-based index: 0 is A, 26 is AA.</summary>
    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static Row Row(uint number, IReadOnlyList<SheetCell?> cells, SharedStrings strings, uint? style)
    {
        var row = new Row { RowIndex = number };
        for (var c = 0; c < cells.Count; c++)
        {
            var reference = Column(c) + number.ToString(CultureInfo.InvariantCulture);
            switch (cells[c])
            {
                case NumberCell n:
                    row.Append(new Cell(new DocumentFormat.OpenXml.Spreadsheet.CellValue(Number(n.Number))) { CellReference = reference, StyleIndex = style ?? n.Style });
                    break;
                case TextCell t:
                    row.Append(new Cell(new DocumentFormat.OpenXml.Spreadsheet.CellValue(strings.Index(t.Text).ToString(CultureInfo.InvariantCulture)))
                    {
                        CellReference = reference, DataType = CellValues.SharedString, StyleIndex = style ?? WorkbookStyles.Default,
                    });
                    break;
                default:
                    // An empty cell is left out, as Excel does: a blank, not a zero, sorts after every value.
                    break;
            }
        }

        return row;
    }

    // Exact decimals become the nearest double, as every spreadsheet keeps numbers; "R" round-trips that double.
    private static string Number(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);

    private static Columns Columns(SheetTable table)
    {
        var columns = new Columns();
        for (var c = 0; c < table.Header.Count; c++)
        {
            var widest = table.Rows.Select(r => r[c]?.Display.Length ?? 0).Append(table.Header[c].Length + 3).Max();
            var width = Math.Clamp(widest + 2, 6, 40);
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = width, CustomWidth = true });
        }

        return columns;
    }

    private static ConditionalFormatting BandColours(string column, int lastRow)
    {
        var formatting = new ConditionalFormatting { SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}2:{column}{lastRow}" } };
        var priority = 1;
        foreach (var band in WorkbookStyles.Bands)
        {
            formatting.Append(new ConditionalFormattingRule(new Formula($"\"{band.Label()}\""))
            {
                Type = ConditionalFormatValues.CellIs,
                Operator = ConditionalFormattingOperatorValues.Equal,
                FormatId = WorkbookStyles.BandFormat(band),
                Priority = priority++,
            });
        }

        return formatting;
    }
}

/// <summary>The shared string table: each distinct string once, cells refer to it by index.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public SharedStringTable Table { get; } = new();

    public int Index(string text)
    {
        if (!_index.TryGetValue(text, out var index))
        {
            index = _index.Count;
            _index.Add(text, index);
            // Keep leading and trailing spaces as written.
            Table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            Table.Count = (uint)_index.Count;
            Table.UniqueCount = (uint)_index.Count;
        }

        return index;
    }
}

/// <summary>Sheet names Excel accepts: at most 31 characters, none of <c>: \ / ? * [ ]</c>, unique ignoring case, not "History".</summary>
internal static class SheetNames
{
    public const int MaxLength = 31;

    public static IReadOnlyList<string> For(IReadOnlyList<string> wanted)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>(wanted.Count);
        foreach (var name in wanted)
        {
            var clean = string.Concat(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' || char.IsControl(c) ? '-' : c)).Trim().Trim('\'');
            // Excel keeps "History" for its change tracking and refuses a sheet of that name.
            clean = clean.Length == 0 ? "Sheet" : string.Equals(clean, "History", StringComparison.OrdinalIgnoreCase) ? clean + " (subject)" : clean;
            var candidate = Truncate(clean, MaxLength);
            for (var n = 2; !used.Add(candidate); n++)
            {
                var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
                candidate = Truncate(clean, MaxLength - suffix.Length) + suffix;
            }

            names.Add(candidate);
        }

        return names;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd();
}
