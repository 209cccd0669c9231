using System.Xml;
using System.Xml.Linq;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports.Ctf;

/// <summary>Reads a DfE Common Transfer File (XML) into a <see cref="SchoolExport"/>, one pupil element at a time.</summary>
/// <remarks>
/// DTDs are prohibited and there is no resolver, so entity expansion and external references (XXE) are impossible:
/// a file with a DOCTYPE is reported as an error, not read. The calendar comes from the caller (school.json or a
/// typical calendar), because a CTF carries no term dates.
/// </remarks>
public static class CtfReader
{
    public static SchoolExport Read(Stream xml, SchoolCalendar calendar, string file, GradeScaleSet? scales = null)
    {
        scales ??= GradeScaleSet.Standard;
        var state = new CtfPupilReader(file, calendar, scales);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            MaxCharactersFromEntities = 0,
        };
        try
        {
            using var reader = XmlReader.Create(xml, settings);
            var line = (IXmlLineInfo)reader;
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "Header" or "Pupil")
                {
                    var at = line.LineNumber;
                    var element = (XElement)XNode.ReadFrom(reader);
                    if (element.Name.LocalName == "Header")
                    {
                        state.Header(element);
                    }
                    else
                    {
                        state.Pupil(element, at);
                    }
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException e)
        {
            var reason = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "the file declares a DOCTYPE; DTDs and entities are not allowed in a CTF and the file was not read further"
                : $"not well-formed XML: {e.Message}";
            state.Issues.Add(ImportIssue.Error(file, e.LineNumber, "", "", reason));
        }

        return state.ToExport();
    }

    /// <summary>True when the stream starts (after a BOM and white space) with '&lt;', i.e. could be XML at all.</summary>
    public static bool LooksLikeXml(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = start[3..];
        }

        var i = 0;
        while (i < start.Length && start[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < start.Length && start[i] == (byte)'<';
    }

    internal static string Value(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() ?? "";

    internal static XElement? Child(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    internal static IEnumerable<XElement> Children(XElement? element, string name) =>
        element?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    internal static bool TryDate(string text, out DateOnly date) => FieldParse.TryDate(text, out date);
}
