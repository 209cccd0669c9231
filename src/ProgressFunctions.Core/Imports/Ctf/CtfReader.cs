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
    /// <summary>How deep elements may nest, counted from the root: a CTF nests about eight deep (CTfile, CTFpupilData, Pupil, StageAssessments, KeyStage, StageAssessment, Result).</summary>
    public const int MaxDepth = 32;

    public static SchoolExport Read(Stream xml, SchoolCalendar calendar, string file, GradeScaleSet? scales = null) =>
        Read(xml, calendar, file, scales, out _);

    /// <summary>Reads the file; <paramref name="unreadable"/> says why it cannot be imported at all (not well-formed, a DOCTYPE, nested too deep), else null.</summary>
    /// <remarks>
    /// A CTF that breaks off part way (cut short in transfer, a tag left open) holds the pupils before the break and
    /// none after: stored, it would look like a whole export with one error. So such a file is refused whole, naming the
    /// line; the returned export holds what was read before it, for validation.
    /// </remarks>
    public static SchoolExport Read(Stream xml, SchoolCalendar calendar, string file, GradeScaleSet? scales, out string? unreadable)
    {
        scales ??= GradeScaleSet.Standard;
        unreadable = null;
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
                    var element = ReadElement(reader, line);
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
                    CheckDepth(reader, line);
                    reader.Read();
                }
            }
        }
        catch (XmlException e)
        {
            var doctype = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);
            var reason = doctype
                ? "the file declares a DOCTYPE; DTDs and entities are not allowed in a CTF and the file was not read further"
                : $"not well-formed XML: {VisibleText.Of(e.Message).TrimEnd('.')}";
            state.Issues.Add(ImportIssue.Error(file, e.LineNumber, "", "", reason));
            unreadable = $"{file}{(e.LineNumber > 0 ? $":{e.LineNumber}" : "")}: {reason}. " + (doctype
                ? "Nothing of it was imported: export the CTF again from the MIS, as it writes it"
                : "The file is damaged or cut short, so nothing of it was imported (the pupils before that line neither): export it again from the MIS");
        }

        return state.ToExport();
    }

    /// <summary>The element the reader is on, with everything in it, leaving the reader after its end; as <see cref="XNode.ReadFrom"/>, but refusing nesting past <see cref="MaxDepth"/>.</summary>
    /// <remarks>Built one node at a time: a file nesting elements hundreds of thousands deep is refused at once, not built into a tree that takes minutes to collect.</remarks>
    private static XElement ReadElement(XmlReader reader, IXmlLineInfo line)
    {
        XElement? root = null;
        XElement? current = null;
        do
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    CheckDepth(reader, line);
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    current?.Add(element);
                    root ??= element;
                    if (!reader.IsEmptyElement)
                    {
                        current = element;
                    }
                    else if (current is null)
                    {
                        reader.Read();
                        return root;
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    current?.Add(new XText(reader.Value));
                    break;
                case XmlNodeType.EndElement:
                    if (current == root)
                    {
                        reader.Read();
                        return root!;
                    }

                    current = current!.Parent;
                    break;
            }
        }
        while (reader.Read());

        throw new XmlException("Unexpected end of file.", null, line.LineNumber, line.LinePosition);
    }

    private static void CheckDepth(XmlReader reader, IXmlLineInfo line)
    {
        if (reader.Depth >= MaxDepth)
        {
            throw new XmlException($"elements are nested more than {MaxDepth} deep (a CTF nests about 8)", null, line.LineNumber, line.LinePosition);
        }
    }

    /// <summary>True when the stream starts (after a BOM and white space) with '&lt;', i.e. could be XML at all.</summary>
    public static bool LooksLikeXml(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = start[3..];
        }
        else if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // UTF-16 (little- or big-endian), as some MIS write their CTF: the reader takes its encoding from the byte order mark.
            return LooksLikeXml16(start[2..], bigEndian: start[0] == 0xFE);
        }

        var i = 0;
        while (i < start.Length && start[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < start.Length && start[i] == (byte)'<';
    }

    private static bool LooksLikeXml16(ReadOnlySpan<byte> start, bool bigEndian)
    {
        for (var i = 0; i + 1 < start.Length; i += 2)
        {
            var c = bigEndian ? (start[i] << 8) | start[i + 1] : start[i] | (start[i + 1] << 8);
            if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                return c == '<';
            }
        }

        return false;
    }

    internal static string Value(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() ?? "";

    internal static XElement? Child(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    internal static IEnumerable<XElement> Children(XElement? element, string name) =>
        element?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    internal static bool TryDate(string text, out DateOnly date) => FieldParse.TryDate(text, out date);
}
