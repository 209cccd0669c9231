using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using ProgressFunctions.Infrastructure.Reports.Excel;

namespace ProgressFunctions.Integration.Tests.Reports.Excel;

/// <summary>
/// The sheets are streamed to the part's XML writer, not through the SDK's element writer: every sheet must still be
/// byte for byte what the SDK writes for the same elements, read back into its object model and written again.
/// </summary>
public sealed class SheetWriterTests
{
    [Theory]
    [MemberData(nameof(WorkbookSamples.Names), MemberType = typeof(WorkbookSamples))]
    public void Render_EverySheet_TheBytesTheSdkWritesForItsElements(string name)
    {
        var workbook = WorkbookSamples.Named(name);
        using var stream = new MemoryStream(new ExcelWorkbookRenderer().Render(workbook));
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var parts = document.WorkbookPart!.WorksheetParts.ToList();

        Assert.Equal(workbook.Sheets.Count + 1, parts.Count);
        foreach (var part in parts)
        {
            var streamed = Bytes(part);
            Assert.Equal(Encoding.UTF8.GetString(AsTheSdkWrites(part)), Encoding.UTF8.GetString(streamed));
            Assert.True(streamed.AsSpan().StartsWith(Encoding.UTF8.Preamble), "UTF-8 with its byte order mark, as the SDK writes a part");
        }
    }

    private static byte[] Bytes(WorksheetPart part)
    {
        using var read = part.GetStream(FileMode.Open, FileAccess.Read);
        using var copy = new MemoryStream();
        read.CopyTo(copy);
        return copy.ToArray();
    }

    // The SDK's own writing of the part's elements: the settings its part writer uses, each element written by WriteTo.
    private static byte[] AsTheSdkWrites(WorksheetPart part)
    {
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            part.Worksheet.WriteTo(writer);
        }

        return output.ToArray();
    }
}
