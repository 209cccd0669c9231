using System.IO.Compression;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Imports.Ctf;

namespace ProgressFunctions.Core.Tests.Imports;

public class BadFileCorpusTests
{
    private static List<ImportIssue> ReadPupils(string file, out List<ProgressFunctions.Core.Schools.Pupil> pupils) =>
        ReadPupils(TestFiles.Bytes(file), out pupils);

    /// <remarks>
    /// The files carry the columns their test needs, not every optional one: the warnings that the others are absent
    /// (<see cref="AbsentColumnsTests"/>) are left out here, and every other issue is returned.
    /// </remarks>
    private static List<ImportIssue> ReadPupils(byte[] bytes, out List<ProgressFunctions.Core.Schools.Pupil> pupils)
    {
        var issues = new List<ImportIssue>();
        var (reader, _) = TextDecoding.Open(new MemoryStream(bytes));
        (pupils, _, _) = PupilsCsv.Read(reader, issues);
        return [.. issues.Where(i => !PupilsCsv.Columns.Any(c => AbsentColumns.IsAbout(i, PupilsCsv.FileName, c)))];
    }

    [Fact]
    public void Pupils_TruncatedRow_ReportsLineThreeAndKeepsGoodRow()
    {
        var issue = Assert.Single(ReadPupils("pupils_truncated_row.csv", out var pupils));
        Assert.Equal(3, issue.Line);
        Assert.Contains("2 fields but the header has 6", issue.Reason);
        Assert.Single(pupils);
    }

    [Fact]
    public void Pupils_WrongDelimiter_NamesMissingColumnsAndTheDelimiter()
    {
        var issues = ReadPupils("pupils_wrong_delimiter.csv", out var pupils);
        Assert.Empty(pupils);
        Assert.All(issues, i => Assert.Contains("';'", i.Reason));
        Assert.Contains(issues, i => i.Column == "Legal Surname");
    }

    [Fact]
    public void Pupils_BadCheckLetter_OneErrorOtherRowKept()
    {
        var issue = Assert.Single(ReadPupils("pupils_bad_check_letter.csv", out var pupils));
        Assert.Equal((3, "UPN", "Z201100025002"), (issue.Line, issue.Column, issue.Value));
        Assert.Contains("expected 'R'", issue.Reason);
        Assert.Equal(new DateOnly(2014, 1, 2), Assert.Single(pupils).DateOfBirth);
    }

    [Fact]
    public void Pupils_DuplicateUpn_BothRowsRefusedEachNamingTheOther()
    {
        var issues = ReadPupils("pupils_duplicate_upn.csv", out var pupils);
        Assert.Equal([(2, "UPN C201100025001 is also used on line 3"), (3, "UPN C201100025001 is also used on line 2")],
            issues.Select(i => (i.Line, i.Reason[..i.Reason.IndexOf(':')])));
        Assert.Empty(pupils);
    }

    [Fact]
    public void Pupils_RowRepeatedExactly_ImportedOnceWithAWarning()
    {
        var issues = new List<ImportIssue>();
        var row = "C201100025001,Smith,Olivia,2014-01-02,7,7A";

        var (pupils, index, _) = PupilsCsv.Read(new StringReader($"UPN,Legal Surname,Legal Forename,Date of Birth,Year,Reg Group\n{row}\n{row}\n"), issues);

        Assert.Equal("Olivia Smith", Assert.Single(pupils).DisplayName);
        var warning = Assert.Single(issues, i => i.Line > 1);   // the header's absent optional columns aside
        Assert.Equal((3, false, "line 3 repeats line 2 exactly: the pupil is imported once"), (warning.Line, warning.IsError, warning.Reason));
        Assert.False(index.IsRefused("C201100025001"));
    }

    [Fact]
    public void Pupils_Windows1252_DecodesNames()
    {
        Assert.Empty(ReadPupils("pupils_windows1252.csv", out var pupils));
        Assert.Equal(["Zoë Brontë", "Siobhán Ó Súilleabháin"], pupils.Select(p => p.DisplayName));
    }

    [Fact]
    public void Pupils_Utf8WithOneWindows1252Name_RefusesThatRowAndKeepsTheOthersLettersRight()
    {
        byte[] bytes =
        [
            .. "UPN,Legal Surname,Legal Forename,Date of Birth,Year,Reg Group\n"u8,
            .. "C201100025001,Ó Súilleabháin,Seán,2014-01-02,7,7A\n"u8,
            .. "R201100025002,Bront"u8, 0xEB, .. ",Zoe,2014-03-04,7,7A\n"u8,
            .. "V201100025004,Kowalski,Łukasz,2014-05-06,7,7B\n"u8,
        ];

        var issue = Assert.Single(ReadPupils(bytes, out var pupils));

        Assert.Equal((IssueSeverity.Error, 3, "Legal Surname"), (issue.Severity, issue.Line, issue.Column));
        Assert.Contains("not UTF-8", issue.Reason);
        Assert.Equal(["Seán Ó Súilleabháin", "Łukasz Kowalski"], pupils.Select(p => p.DisplayName));
    }

    [Fact]
    public void Pupils_NameSavedWithAQuestionMarkForALetter_RefusesThatRowOnly()
    {
        byte[] bytes =
        [
            .. "UPN,Legal Surname,Legal Forename,Date of Birth,Year,Reg Group\n"u8,
            .. "C201100025001,Murphy,Sin?ad,2014-01-02,7,7A\n"u8,
            .. "R201100025002,Bront\u00eb,Zo\u00eb,2014-03-04,7,7A\n"u8,
        ];

        var issue = Assert.Single(ReadPupils(bytes, out var pupils));

        Assert.Equal((IssueSeverity.Error, 2, "Legal Forename", "Sin?ad"), (issue.Severity, issue.Line, issue.Column, issue.Value));
        Assert.Contains("holds '?' where a letter should be", issue.Reason);
        Assert.Equal(["Zo\u00eb Bront\u00eb"], pupils.Select(p => p.DisplayName));
    }

    [Fact]
    public void Pupils_Utf8BomAliasesQuotedCommaAndNewline_Read()
    {
        var issue = Assert.Single(ReadPupils("pupils_utf8_bom.csv", out var pupils));
        Assert.Equal("Kowalski, Jr", pupils[0].LegalSurname);
        Assert.Equal("Łukasz", pupils[0].LegalForename);
        Assert.Equal("Seán Michael", pupils[1].LegalForename);
        Assert.Equal((IssueSeverity.Warning, 3, "Legal Forename"), (issue.Severity, issue.Line, issue.Column));
        Assert.Equal(7, pupils[1].YearGroup);
    }

    [Fact]
    public void Attendance_LowerCaseCode_RefusedWithTheCodeItProbablyMeant()
    {
        var attendance = "UPN,Date,Session,Mark\nC201100025001,2025-09-03,AM,l\nC201100025001,2025-09-03,PM,\\\n"u8.ToArray();
        var export = BundleReader.Read(TestFiles.Bundle(("pupils.csv", TestFiles.Bytes("pupils_bad_check_letter.csv")), ("attendance.csv", attendance)));

        var issue = Assert.Single(export.Issues, i => i.File == "attendance.csv");

        Assert.Equal((true, 2, "Mark", "l"), (issue.IsError, issue.Line, issue.Column, issue.Value));
        Assert.Equal("unknown attendance code 'l': codes are upper case, did you mean 'L'? (see 'progress codes')", issue.Reason);
    }

    [Fact]
    public void Attendance_UnknownCodeWeekendAndDoubleMark_ErrorsWarningAndBestMarkKept()
    {
        var export = BundleReader.Read(TestFiles.Bundle(
            ("pupils.csv", TestFiles.Bytes("pupils_bad_check_letter.csv")), ("attendance.csv", TestFiles.Bytes("attendance_unknown_code.csv"))));
        var attendance = export.Issues.Where(i => i.File == "attendance.csv").ToList();
        Assert.Contains(attendance, i => i.IsError && i.Line == 3 && i.Reason.Contains("unknown attendance code 'Q9'"));
        Assert.Contains(attendance, i => i.IsError && i.Line == 4 && i.Reason.Contains("not a school day"));
        var warning = Assert.Single(attendance, i => !i.IsError);
        Assert.Contains("kept the better mark '/'", warning.Reason);
        var register = export.Attendance!.ByPupil.Values.Single();
        Assert.Equal("/", register.Mark(new DateOnly(2025, 9, 4), ProgressFunctions.Core.Attendance.SessionOfDay.Am)!.Value.Code);
        Assert.Equal(3, export.RecordsRead["attendance.csv"]);   // the second mark for 4 September is read, then resolved
    }

    /// <summary>A pupil missing from pupils.csv has a row per session in attendance.csv: one error says so for all of them.</summary>
    [Fact]
    public void Attendance_RowsOfAUpnPupilsCsvDoesNotList_OneErrorOnItsFirstRow()
    {
        var rows = string.Concat(new[] { "2025-09-03", "2025-09-04", "2025-09-05" }.SelectMany(d => new[] { $"F201100025003,{d},AM,/\n", $"F201100025003,{d},PM,/\n" }));
        var export = BundleReader.Read(TestFiles.Bundle(
            ("pupils.csv", TestFiles.Bytes("pupils_bad_check_letter.csv")),
            ("attendance.csv", System.Text.Encoding.UTF8.GetBytes("UPN,Date,Session,Mark\nC201100025001,2025-09-03,AM,/\n" + rows))));

        var error = Assert.Single(export.Issues, i => i.File == "attendance.csv");
        Assert.Equal(3, error.Line);
        Assert.Equal("no pupil with this UPN in pupils.csv; neither this row nor any other row for this UPN in the file is imported", error.Reason);
        Assert.Equal(1, export.RecordsRead["attendance.csv"]);
    }

    [Fact]
    public void Contacts_UnknownPupilAndBadEmail_Reported()
    {
        var export = BundleReader.Read(TestFiles.Bundle(
            ("pupils.csv", TestFiles.Bytes("pupils_truncated_row.csv")), ("contacts.csv", TestFiles.Bytes("contacts_bad.csv"))));
        var issues = export.Issues.Where(i => i.File == "contacts.csv").ToList();
        Assert.Contains(issues, i => i.Line == 3 && i.Reason.Contains("no pupil with this UPN in pupils.csv"));
        Assert.Contains(issues, i => i.Line == 4 && i.Column == "Email" && i.Reason.Contains("not an e-mail address"));
        Assert.Equal(2, export.Contacts.Count);
        Assert.Null(export.Contacts.Single(c => c.Forename == "Dave").Email);
    }

    [Fact]
    public void Ctf_Doctype_RejectedWithoutExpansion()
    {
        using var stream = File.OpenRead(TestFiles.PathOf("ctf_doctype.xml"));
        var export = CtfReader.Read(stream, TestFiles.Calendar2025, "ctf_doctype.xml");
        var issue = Assert.Single(export.Issues);
        Assert.Contains("DOCTYPE", issue.Reason);
        Assert.Empty(export.Pupils);
    }

    [Fact]
    public void Zip_PathOutsideArchive_RefusedAndNamed()
    {
        var zip = Zip(("../pupils.csv", TestFiles.Bytes("pupils_bad_check_letter.csv")), ("school.json", "{}"u8.ToArray()));
        Assert.True(ZipBundleSource.TryOpen(zip, "evil.zip", ZipLimits.Default, out var source, out _));
        using (source)
        {
            var export = BundleReader.Read(source!);
            Assert.Contains(export.Issues, i => i.Column == "../pupils.csv" && i.Reason.Contains("outside the archive"));
            Assert.Contains(export.Issues, i => i.Reason.Contains("has no pupils.csv"));
        }
    }

    [Fact]
    public void Zip_Bomb_RefusedByRatioAndSizeLimits()
    {
        var zip = Zip(("attendance.csv", new byte[40 << 20]), ("pupils.csv", TestFiles.Bytes("pupils_bad_check_letter.csv")));
        Assert.True(ZipBundleSource.TryOpen(zip, "bomb.zip", ZipLimits.Default, out var source, out _));
        using (source)
        {
            Assert.Contains(source!.Issues, i => i.Reason.Contains("zip bomb"));
        }

        Assert.True(ZipBundleSource.TryOpen(Zip(("attendance.csv", new byte[40 << 20])), "bomb.zip", new ZipLimits(MaxEntryBytes: 1 << 20, MaxCompressionRatio: int.MaxValue), out source, out _));
        using (source)
        {
            Assert.Contains(source!.Issues, i => i.Reason.Contains("the limit is"));
        }
    }

    /// <summary>Two exports zipped together: which is the school's data now cannot be told, so neither is read (one file of each would mix them).</summary>
    [Theory]
    [InlineData(new[] { "monday/pupils.csv", "tuesday/pupils.csv" }, "two.zip holds more than one export: 'monday/pupils.csv' and 'tuesday/pupils.csv'. Put each")]
    [InlineData(new[] { "monday/pupils.csv", "monday/school.json", "tuesday/pupils.csv", "tuesday/school.json" }, "two.zip holds more than one export: 'monday/pupils.csv' and 'tuesday/pupils.csv', and 1 more files twice. Put each")]
    [InlineData(new[] { "pupils.csv", "copy/PUPILS.CSV" }, "two.zip holds more than one export: 'pupils.csv' and 'copy/PUPILS.CSV'. Put each")]
    public void Zip_AFileOfTheBundleTwice_NotOpenedAndSaysWhy(string[] paths, string error)
    {
        var zip = Zip([.. paths.Select(p => (p, TestFiles.Bytes("pupils_bad_check_letter.csv")))]);

        Assert.False(ZipBundleSource.TryOpen(zip, "two.zip", ZipLimits.Default, out var source, out var reason));

        Assert.Null(source);
        Assert.StartsWith(error, reason, StringComparison.Ordinal);
    }

    /// <summary>A zip of the MIS's zip: the message points at the zip inside, not at every file "missing".</summary>
    [Theory]
    [InlineData(new[] { "export.zip" }, "outer.zip holds another zip, 'export.zip', and none of the export's files: import 'export.zip' itself (take it out of outer.zip first)")]
    [InlineData(new[] { "old/export.zip", "pupils.csv" }, null)]   // an export beside an old zip is read
    public void Zip_HoldingAZipInsteadOfTheExport_NotOpenedAndSaysWhichZip(string[] paths, string? error)
    {
        var zip = Zip([.. paths.Select(p => (p, TestFiles.Bytes("pupils_bad_check_letter.csv")))]);

        var opened = ZipBundleSource.TryOpen(zip, "outer.zip", ZipLimits.Default, out var source, out var reason);
        source?.Dispose();

        Assert.Equal((error is null, error), (opened, reason));
    }

    /// <summary>A file that is not part of the bundle may be there twice (a readme in two folders): the export is read.</summary>
    [Fact]
    public void Zip_OtherFileTwice_OpenedAsOneExport()
    {
        var zip = Zip(("export/pupils.csv", TestFiles.Bytes("pupils_bad_check_letter.csv")), ("export/readme.txt", "a"u8.ToArray()), ("export/notes/readme.txt", "b"u8.ToArray()));

        Assert.True(ZipBundleSource.TryOpen(zip, "one.zip", ZipLimits.Default, out var source, out var reason));

        source!.Dispose();
        Assert.Null(reason);
    }

    [Fact]
    public void Zip_NotAZip_OneLineError()
    {
        Assert.False(ZipBundleSource.TryOpen(new MemoryStream("hello"u8.ToArray()), "x.zip", ZipLimits.Default, out _, out var error));
        Assert.Contains("not a readable zip", error);
    }

    private static MemoryStream Zip(params (string Name, byte[] Bytes)[] entries)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(bytes);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
