using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Ctf;
using static ProgressFunctions.Core.Tests.Imports.SmallExports;

namespace ProgressFunctions.Core.Tests.Imports;

public class CtfReaderTests
{
    private const string Header = "<Header><DateTime>2025-11-01T10:00:00</DateTime><SourceSchool><LEA>201</LEA><Estab>4001</Estab><URN>100001</URN></SourceSchool></Header>";

    private static string PupilXml(int serial) =>
        $"<Pupil><UPN>{Upn(serial)}</UPN><BasicDetails><Surname>Lee</Surname><Forename>Sam</Forename><DOB>2014-01-02</DOB><NCyearActual>7</NCyearActual></BasicDetails></Pupil>\n";

    private static string Ctf(string header = Header, string pupils = "") =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CTfile>\n{header}\n<CTFpupilData>\n{PupilXml(1)}{PupilXml(2)}{pupils}</CTFpupilData>\n</CTfile>\n";

    private static ExportRead ReadFile(byte[] bytes) => ExportFile.Read(bytes, "school.ctf.xml", known: null, TestFiles.Calendar2025);

    /// <summary>A CTF that breaks off part way holds the pupils before the break: stored, it would pass for a whole export with one error.</summary>
    [Theory]
    [InlineData("cut short mid-element", "<Pupil><UPN>", 7, "not well-formed XML")]
    [InlineData("a tag left open", "<Pupil><UPN>x</UPN><BasicDetails><Surname>Lee</BasicDetails></Pupil>\n", 7, "not well-formed XML")]
    [InlineData("an undefined entity", "<Pupil><UPN>&bogus;</UPN></Pupil>\n", 7, "not well-formed XML")]
    [InlineData("a control character", "<Pupil><UPN>&#1;</UPN></Pupil>\n", 7, "not well-formed XML")]
    public void Read_NotWellFormedAfterGoodPupils_RefusedWholeNamingTheLine(string what, string broken, int line, string reason)
    {
        var text = Ctf(pupils: broken);
        if (what.StartsWith("cut short", StringComparison.Ordinal))
        {
            text = text[..(text.LastIndexOf(broken, StringComparison.Ordinal) + broken.Length)];
        }

        var read = ReadFile(Encoding.UTF8.GetBytes(text));

        Assert.Null(read.Export);
        Assert.StartsWith($"school.ctf.xml:{line}: {reason}", read.Error, StringComparison.Ordinal);
        Assert.Contains("nothing of it was imported", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Doctype_RefusedWholeSayingWhy()
    {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n" + Ctf()[(Ctf().IndexOf('\n') + 1)..];

        var read = ReadFile(Encoding.UTF8.GetBytes(text));

        Assert.Null(read.Export);
        Assert.Contains("declares a DOCTYPE", read.Error, StringComparison.Ordinal);
    }

    /// <summary>Elements nested far deeper than a CTF's eight levels are refused as soon as the limit is passed, not built into a tree.</summary>
    [Theory]
    [InlineData(CtfReader.MaxDepth, true)]
    [InlineData(100_000, true)]
    [InlineData(4, false)]
    public void Read_NestedElements_RefusedPastTheLimit(int depth, bool refused)
    {
        var nest = string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth));
        var text = Ctf(pupils: $"<Pupil><UPN>{Upn(3)}</UPN><BasicDetails><Surname>Khan</Surname><Forename>Omar</Forename><NCyearActual>8</NCyearActual></BasicDetails>{nest}</Pupil>\n");

        var export = CtfReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), TestFiles.Calendar2025, "school.ctf.xml", null, out var unreadable);

        Assert.Equal(refused, unreadable?.Contains($"nested more than {CtfReader.MaxDepth} deep", StringComparison.Ordinal) ?? false);
        Assert.Equal(refused ? 2 : 3, export.Pupils.Count);
    }

    /// <summary>UTF-16 is how some MIS write XML; the byte order mark says which.</summary>
    [Theory]
    [InlineData("utf-16 little-endian", true)]
    [InlineData("utf-16 big-endian", true)]
    [InlineData("utf-8 with BOM", false)]
    public void Read_EncodedWithByteOrderMark_ReadAsCtf(string encoding, bool sixteen)
    {
        Encoding enc = encoding switch
        {
            "utf-16 little-endian" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            "utf-16 big-endian" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        };
        var text = sixteen ? Ctf().Replace("utf-8", "utf-16", StringComparison.Ordinal) : Ctf();
        var bytes = enc.GetPreamble().Concat(enc.GetBytes(text)).ToArray();

        var read = ReadFile(bytes);

        Assert.Null(read.Error);
        Assert.Equal(2, read.Export!.Pupils.Count);
    }

    /// <summary>Without a source school the CTF cannot be checked against the school it is stored under.</summary>
    [Theory]
    [InlineData("no header", "")]
    [InlineData("an empty source school", "<Header><SourceSchool></SourceSchool></Header>")]
    [InlineData("an LA without an establishment", "<Header><SourceSchool><LEA>201</LEA></SourceSchool></Header>")]
    public void Read_NamesNoSourceSchool_RefusedWhole(string what, string header)
    {
        var read = ReadFile(Encoding.UTF8.GetBytes(Ctf(header)));

        Assert.True(read.Export is null, what);
        Assert.Contains("names no source school", read.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<Header><SourceSchool><URN>100001</URN></SourceSchool></Header>")]
    [InlineData("<Header><SourceSchool><LEA>201</LEA><Estab>4001</Estab></SourceSchool></Header>")]
    public void Read_NamesSourceSchool_Read(string header)
    {
        var read = ReadFile(Encoding.UTF8.GetBytes(Ctf(header)));

        Assert.Null(read.Error);
        Assert.Equal(2, read.Export!.Pupils.Count);
    }
}
