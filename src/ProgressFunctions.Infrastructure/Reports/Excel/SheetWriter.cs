using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Infrastructure.Reports.Excel;

/// <summary>Lays out one <see cref="SheetTable"/> as a worksheet: frozen header, auto-filter, band colours, print setup.</summary>
/// <remarks>
/// The cells are streamed into the part with <see cref="OpenXmlWriter"/>, one reused element per kind, rather than built
/// as a tree and saved: a year group's sheets hold tens of thousands of cells, and saving the tree cost most of the
/// workbook's time. The few elements around the cells are written whole. Children are written in the order the schema
/// (CT_Worksheet) requires; Excel refuses a file that breaks it.
/// </remarks>
internal static class SheetWriter
{
    private static readonly OpenXmlAttribute s_sharedString = new("t", "", "s");

    public static void Write(WorksheetPart part, SheetTable table, SharedStrings strings)
    {
        var lastColumn = Column(table.Header.Count - 1);
        var lastRow = table.Rows.Count + 1;
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        writer.WriteElement(new SheetDimension { Reference = $"A1:{lastColumn}{lastRow}" });
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0, TabSelected = false }));
        writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
        writer.WriteElement(Columns(table));
        WriteData(writer, table, strings);
        writer.WriteElement(new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" });
        if (table.BandColumn is { } band && table.Rows.Count > 0)
        {
            writer.WriteElement(BandColours(Column(band), lastRow));
        }

        writer.WriteElement(new PrintOptions { GridLines = true });
        writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
        writer.WriteEndElement();
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

    private static void WriteData(OpenXmlWriter writer, SheetTable table, SharedStrings strings)
    {
        var columns = Enumerable.Range(0, table.Header.Count).Select(Column).ToArray();
        var cells = new CellWriter(writer, strings, columns);
        writer.WriteStartElement(new SheetData());
        cells.Row(1, [.. table.Header.Select(h => (SheetCell?)new TextCell(h))], WorkbookStyles.Header);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            cells.Row(i + 2, table.Rows[i], style: null);
        }

        writer.WriteEndElement();
    }

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

    /// <summary>Writes rows of cells with one element of each kind, its attributes given per cell.</summary>
    private sealed class CellWriter(OpenXmlWriter writer, SharedStrings strings, string[] columns)
    {
        private readonly Row _row = new();
        private readonly Cell _cell = new();
        private readonly DocumentFormat.OpenXml.Spreadsheet.CellValue _value = new();
        private readonly OpenXmlAttribute[] _rowAttributes = new OpenXmlAttribute[1];
        private readonly OpenXmlAttribute[] _numberAttributes = new OpenXmlAttribute[2];
        private readonly OpenXmlAttribute[] _textAttributes = new OpenXmlAttribute[3];
        private readonly Dictionary<uint, OpenXmlAttribute> _styles = [];

        public void Row(int number, IReadOnlyList<SheetCell?> cells, uint? style)
        {
            var row = number.ToString(CultureInfo.InvariantCulture);
            _rowAttributes[0] = new OpenXmlAttribute("r", "", row);
            writer.WriteStartElement(_row, _rowAttributes);
            for (var c = 0; c < cells.Count; c++)
            {
                switch (cells[c])
                {
                    case NumberCell n:
                        _numberAttributes[0] = new OpenXmlAttribute("r", "", columns[c] + row);
                        _numberAttributes[1] = Style(style ?? n.Style);
                        Cell(_numberAttributes, Number(n.Number));
                        break;
                    case TextCell t:
                        _textAttributes[0] = new OpenXmlAttribute("r", "", columns[c] + row);
                        _textAttributes[1] = Style(style ?? WorkbookStyles.Default);
                        _textAttributes[2] = s_sharedString;
                        Cell(_textAttributes, strings.Index(t.Text).ToString(CultureInfo.InvariantCulture));
                        break;
                    default:
                        // An empty cell is left out, as Excel does: a blank, not a zero, sorts after every value.
                        break;
                }
            }

            writer.WriteEndElement();
        }

        private void Cell(OpenXmlAttribute[] attributes, string value)
        {
            writer.WriteStartElement(_cell, attributes);
            writer.WriteStartElement(_value);
            writer.WriteString(value);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        // A workbook has a few dozen styles and tens of thousands of cells: each style's text is made once.
        private OpenXmlAttribute Style(uint style)
        {
            if (!_styles.TryGetValue(style, out var attribute))
            {
                attribute = new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture));
                _styles.Add(style, attribute);
            }

            return attribute;
        }

        // Exact decimals become the nearest double, as every spreadsheet keeps numbers; "R" round-trips that double.
        private static string Number(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);
    }
}
