using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ProgressFunctions.Infrastructure.Reports.Excel;

/// <summary>The shared string table: each distinct string once, cells refer to it by index.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public int Index(string text)
    {
        if (!_index.TryGetValue(text, out var index))
        {
            index = _texts.Count;
            _index.Add(text, index);
            _texts.Add(text);
        }

        return index;
    }

    /// <summary>Streams the table into its part, as the sheets' cells are.</summary>
    public void Write(SharedStringTablePart part)
    {
        var count = _texts.Count.ToString(CultureInfo.InvariantCulture);
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument();
        writer.WriteStartElement(new SharedStringTable(), [new OpenXmlAttribute("count", "", count), new OpenXmlAttribute("uniqueCount", "", count)]);
        var item = new SharedStringItem();
        var text = new Text();
        // Keep leading and trailing spaces as written.
        OpenXmlAttribute[] preserve = [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
        foreach (var value in _texts)
        {
            writer.WriteStartElement(item);
            writer.WriteStartElement(text, preserve);
            writer.WriteString(value);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
