using System.Globalization;
using System.Xml.Linq;

namespace ProgressFunctions.Integration.Tests.Reports.Excel;

/// <summary>A cell as LibreOffice read it: the number it holds (null for text or blank) and the text it shows.</summary>
internal sealed record OdsCell(double? Number, string Shown);

/// <summary>A sheet as LibreOffice read it: its rows of cells, and the ranges it colours by condition.</summary>
internal sealed record OdsSheet(string Name, IReadOnlyList<IReadOnlyList<OdsCell>> Rows, IReadOnlyList<(string Range, IReadOnlyList<string> Conditions)> ConditionalFormats)
{
    public IReadOnlyList<string> Header => [.. Rows[0].Select(c => c.Shown)];

    /// <summary>The cell under <paramref name="column"/> in data row <paramref name="row"/> (0 is the first row after the header).</summary>
    public OdsCell Cell(int row, string column)
    {
        var index = Header.ToList().IndexOf(column);
        Assert.True(index >= 0, $"sheet {Name} has no column '{column}'");
        var cells = Rows[row + 1];
        return index < cells.Count ? cells[index] : new OdsCell(null, "");
    }

    public int DataRows => Rows.Count - 1;
}

/// <summary>Reads the flat OpenDocument spreadsheet (<c>.fods</c>) LibreOffice writes when it converts a workbook.</summary>
/// <remarks>Trailing blank rows and columns, which LibreOffice writes as one element repeated thousands of times, are dropped.</remarks>
internal static class FlatOds
{
    private static readonly XNamespace s_table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static readonly XNamespace s_office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static readonly XNamespace s_text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static readonly XNamespace s_calcext = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0";

    public static (IReadOnlyList<OdsSheet> Sheets, IReadOnlyList<string> FilterRanges) Read(string path)
    {
        var document = XDocument.Load(path);
        var sheets = document.Descendants(s_table + "table").Select(Sheet).ToList();
        var filters = document.Descendants(s_table + "database-range")
            .Where(r => (string?)r.Attribute(s_table + "display-filter-buttons") == "true")
            .Select(r => (string)r.Attribute(s_table + "target-range-address")!)
            .ToList();
        return (sheets, filters);
    }

    private static OdsSheet Sheet(XElement table)
    {
        var rows = new List<IReadOnlyList<OdsCell>>();
        foreach (var row in table.Descendants(s_table + "table-row"))
        {
            var cells = Cells(row);
            var repeat = Repeat(row, "number-rows-repeated");
            for (var i = 0; i < Math.Min(repeat, 1000); i++)
            {
                rows.Add(cells);
            }
        }

        while (rows.Count > 0 && rows[^1].Count == 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var formats = table.Descendants(s_calcext + "conditional-format")
            .Select(f => ((string)f.Attribute(s_calcext + "target-range-address")!,
                (IReadOnlyList<string>)[.. f.Elements(s_calcext + "condition").Select(c => (string)c.Attribute(s_calcext + "value")!)]))
            .ToList();
        return new OdsSheet((string)table.Attribute(s_table + "name")!, rows, formats);
    }

    private static List<OdsCell> Cells(XElement row)
    {
        var cells = new List<OdsCell>();
        foreach (var cell in row.Elements().Where(e => e.Name == s_table + "table-cell" || e.Name == s_table + "covered-table-cell"))
        {
            var number = (string?)cell.Attribute(s_office + "value") is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : (double?)null;
            var shown = string.Join("\n", cell.Elements(s_text + "p").Select(p => p.Value));
            var repeat = Repeat(cell, "number-columns-repeated");
            for (var i = 0; i < Math.Min(repeat, 200); i++)
            {
                cells.Add(new OdsCell(number, shown));
            }
        }

        while (cells.Count > 0 && cells[^1] is { Number: null, Shown: "" })
        {
            cells.RemoveAt(cells.Count - 1);
        }

        return cells;
    }

    private static int Repeat(XElement element, string attribute) =>
        (string?)element.Attribute(s_table + attribute) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 1;
}
