using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Infrastructure.Reports.Excel;

/// <summary>Lays out one <see cref="SheetTable"/> as a worksheet: frozen header, auto-filter, band colours, print setup.</summary>
/// <remarks>
/// The cells are streamed into the part rather than built as a tree and saved: a year group's sheets hold tens of
/// thousands of cells, and saving the tree cost most of the workbook's time. The SDK's streaming writer
/// (<see cref="OpenXmlWriter"/>) is a thin layer over an <see cref="XmlWriter"/> with the settings used here, but it
/// looks up every element's prefix, name and namespace in the SDK's metadata on each call, which cost most of a
/// workbook's time; so the cells go to that <see cref="XmlWriter"/> directly, with the names the SDK gives them read
/// once, and the few elements around them are written whole by the SDK (<see cref="OpenXmlElement.WriteTo(XmlWriter)"/>), as the
/// streaming writer writes them: the part's bytes are the same. Children are written in the order the schema
/// (CT_Worksheet) requires; Excel refuses a file that breaks it.
/// </remarks>
internal static class SheetWriter
{
    public static void Write(WorksheetPart part, SheetTable table, SharedStrings strings)
    {
        var lastColumn = Column(table.Header.Count - 1);
        var lastRow = table.Rows.Count + 1;
        using var writer = XmlWriter.Create(part.GetStream(FileMode.Create), new XmlWriterSettings { CloseOutput = true, Encoding = Encoding.UTF8 });
        writer.WriteStartDocument();
        WriteStart(writer, new Worksheet());
        WriteElement(writer, new SheetProperties(new PageSetupProperties { FitToPage = true }));
        WriteElement(writer, new SheetDimension { Reference = $"A1:{lastColumn}{lastRow}" });
        WriteElement(writer, new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0, TabSelected = false }));
        WriteElement(writer, new SheetFormatProperties { DefaultRowHeight = 15 });
        WriteElement(writer, Columns(table));
        WriteData(writer, table, strings);
        WriteElement(writer, new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" });
        if (table.BandColumn is { } band && table.Rows.Count > 0)
        {
            WriteElement(writer, BandColours(Column(band), lastRow));
        }

        WriteElement(writer, new PrintOptions { GridLines = true });
        WriteElement(writer, new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 });
        WriteElement(writer, new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
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

    private static void WriteStart(XmlWriter writer, OpenXmlElement element) => writer.WriteStartElement(element.Prefix, element.LocalName, element.NamespaceUri);

    private static void WriteElement(XmlWriter writer, OpenXmlElement element) => element.WriteTo(writer);

    private static void WriteData(XmlWriter writer, SheetTable table, SharedStrings strings)
    {
        var columns = Enumerable.Range(0, table.Header.Count).Select(Column).ToArray();
        var cells = new CellWriter(writer, strings, columns);
        WriteStart(writer, new SheetData());
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

    /// <summary>Writes rows of cells as the SDK's <see cref="Row"/>, <see cref="Cell"/> and <see cref="DocumentFormat.OpenXml.Spreadsheet.CellValue"/> elements, named once.</summary>
    /// <remarks>
    /// Each row is composed as text and handed to the writer whole (<see cref="XmlWriter.WriteRaw(char[], int, int)"/>):
    /// element by element, the writer's namespace and state checks for the three elements of every cell were most of a
    /// sheet's time. The text is what the writer wrote (the same prefix, attributes in the same order), and nothing in
    /// it needs escaping: references are column letters and row digits, values are shared-string indexes and numbers
    /// formatted "R", styles are numbers.
    /// </remarks>
    private sealed class CellWriter(XmlWriter writer, SharedStrings strings, string[] columns)
    {
        private static readonly string s_prefix = new Cell().Prefix;
        private static readonly string s_rowStart = $"<{s_prefix}:{new Row().LocalName} r=\"";
        private static readonly string s_rowEnd = $"</{s_prefix}:{new Row().LocalName}>";
        private static readonly string s_cellStart = $"<{s_prefix}:{new Cell().LocalName} r=\"";
        private static readonly string s_valueStart = $"<{s_prefix}:{new DocumentFormat.OpenXml.Spreadsheet.CellValue().LocalName}>";
        private static readonly string s_valueAndCellEnd = $"</{s_prefix}:{new DocumentFormat.OpenXml.Spreadsheet.CellValue().LocalName}></{s_prefix}:{new Cell().LocalName}>";
        private readonly StringBuilder _row = new(1024);

        public void Row(int number, IReadOnlyList<SheetCell?> cells, uint? style)
        {
            var row = _row.Clear().Append(s_rowStart).Append(number).Append("\">");
            for (var c = 0; c < cells.Count; c++)
            {
                switch (cells[c])
                {
                    case NumberCell n:
                        StartCell(columns[c], number, style ?? n.Style).Append('>').Append(s_valueStart);
                        // Exact decimals become the nearest double, as every spreadsheet keeps numbers; "R" round-trips that double.
                        row.Append(CultureInfo.InvariantCulture, $"{(double)n.Number:R}").Append(s_valueAndCellEnd);
                        break;
                    case TextCell t:
                        StartCell(columns[c], number, style ?? WorkbookStyles.Default).Append(" t=\"s\">").Append(s_valueStart);
                        row.Append(strings.Index(t.Text)).Append(s_valueAndCellEnd);
                        break;
                    default:
                        // An empty cell is left out, as Excel does: a blank, not a zero, sorts after every value.
                        break;
                }
            }

            row.Append(s_rowEnd);
            foreach (var chunk in row.GetChunks())
            {
                // A StringBuilder's chunks are arrays of its own: the writer copies from them without a string between.
                if (MemoryMarshal.TryGetArray(chunk, out var text))
                {
                    writer.WriteRaw(text.Array!, text.Offset, text.Count);
                }
                else
                {
                    writer.WriteRaw(chunk.ToString());
                }
            }
        }

        private StringBuilder StartCell(string column, int row, uint style) =>
            _row.Append(s_cellStart).Append(column).Append(row).Append("\" s=\"").Append(style).Append('"');
    }
}
