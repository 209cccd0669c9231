using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Imports.Ctf;
using static ProgressFunctions.Core.Tests.Imports.SmallExports;

namespace ProgressFunctions.Core.Tests.Imports;

public class CtfPupilReaderTests
{
    private static string A { get; } = Upn(1);

    private static string C { get; } = Upn(3);

    private static string Pupil(string upn, string surname, string parent, string? email = null, string dob = "2014-01-02", string year = "7", string start = "2025-09-03", string marks = "//") => $"""
        <Pupil>
          <UPN>{upn}</UPN>
          <BasicDetails><Surname>{surname}</Surname><Forename>Sam</Forename><DOB>{dob}</DOB><NCyearActual>{year}</NCyearActual></BasicDetails>
          <Contacts><Contact><Forename>{parent}</Forename><Surname>{surname}</Surname><Email>{email ?? parent.ToLowerInvariant() + "@family.example"}</Email><Responsibility>true</Responsibility></Contact></Contacts>
          <Attendance><YearData><AttendStartDate>{start}</AttendStartDate><AttendMarks>{marks}</AttendMarks></YearData></Attendance>
        </Pupil>
        """;

    private static SchoolExport Read(params string[] pupils)
    {
        var xml = $"""
            <CTfile>
            <Header><DateTime>2025-11-01T10:00:00</DateTime><SourceSchool><URN>100001</URN><SchoolName>Oakfield</SchoolName></SourceSchool></Header>
            <CTFpupilData>
            {string.Join("\n", pupils)}
            </CTFpupilData>
            </CTfile>
            """;
        return CtfReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), TestFiles.Calendar2025, "pupils.xml");
    }

    /// <summary>Two pupil elements with one UPN: either may be the child the UPN belongs to, so neither is imported, with nothing of either.</summary>
    [Fact]
    public void Read_TwoPupilsWithOneUpn_NeitherImportedNorAnythingOfEitherEachNamingTheOther()
    {
        var export = Read(Pupil(A, "Lee", "Ann"), Pupil(A, "Khan", "Omar"), Pupil(C, "Okafor", "Ngozi"));

        var kept = RecordIds.PupilFromUpn(C);
        Assert.Equal([kept], export.Pupils.Select(p => p.Id));
        Assert.All(Attached(export), a => Assert.Equal(kept, a.PupilId));
        Assert.Equal(["ngozi@family.example"], export.Contacts.Select(c => c.Email));
        var lines = export.Issues.Where(i => i.Value == A).Select(i => (i.IsError, i.Line, i.Reason[..i.Reason.IndexOf(':')])).ToList();
        Assert.Equal(2, lines.Count);
        var (first, second) = (lines.Min(l => l.Line), lines.Max(l => l.Line));
        Assert.Equal([(true, first, $"UPN {A} is also used on line {second}"), (true, second, $"UPN {A} is also used on line {first}")], lines.Order());
        Assert.Equal(1, export.RecordsRead["pupils"]);
        Assert.Equal(1, export.RecordsRead["contacts"]);
    }

    /// <summary>A parent's address mistyped in the MIS: the CTF's contact comes without it, under another made id; the
    /// parent stored for the pupil with an address stands in, so the report still reaches them, and the data managers are told.</summary>
    [Fact]
    public void Read_StoredParentsAddressMistyped_StoredContactAndAddressKept()
    {
        var known = ExportMerge.Apply(KnownSchool.Empty, StoredChecks.Apply(Read(Pupil(A, "Lee", "Ann")), StoredSchool.Empty).Export!, At).School;

        var again = StoredChecks.Apply(Read(Pupil(A, "Lee", "Ann", email: "ann.lee@family")), StoredSchool.Of(known)).Export!;

        var stored = Assert.Single(known.Contacts.Values);
        var link = Assert.Single(again.ContactLinks);
        Assert.Equal(stored.Id, link.ContactId);
        var merged = ExportMerge.Apply(known, again, At.AddDays(1)).School;
        Assert.Equal("ann@family.example", merged.Contacts[link.ContactId].Email);
        Assert.Contains(again.Issues, i => i.TellDataManagers && i.File == "pupils.xml" && i.Reason.Contains(stored.Id, StringComparison.Ordinal));
    }

    /// <summary>A date of birth or year group that cannot be read refuses the record, as in pupils.csv: stored as none (or
    /// as Reception), the stored value would be lost and the pupil routed to the wrong year leader.</summary>
    [Theory]
    [InlineData("2014-02-31", "7", "DOB", null)]
    [InlineData("not a date", "7", "DOB", null)]
    [InlineData("2014-01-02", "X", "NCyearActual", null)]
    [InlineData("2014-01-02", "", "NCyearActual", null)]
    [InlineData("2014-01-02", "15", "NCyearActual", null)]
    [InlineData("2014-01-02", "N1", "", -2)]
    [InlineData("2014-01-02", "N2", "", -1)]
    [InlineData("2014-01-02", "R", "", 0)]
    [InlineData("2014-01-02", "11", "", 11)]
    [InlineData("", "7", "", 7)]
    public void Read_DateOfBirthOrYearGroup_UnreadableRefusesTheRecord(string dob, string year, string errorColumn, int? yearGroup)
    {
        var export = Read(Pupil(A, "Lee", "Ann", dob: dob, year: year), Pupil(C, "Okafor", "Ngozi"));

        var read = export.Pupils.FirstOrDefault(p => p.Upn == A);
        Assert.Equal(yearGroup, read?.YearGroup);
        Assert.Equal(errorColumn, export.Issues.SingleOrDefault(i => i.IsError)?.Column ?? "");
        Assert.DoesNotContain(export.ContactLinks, l => yearGroup is null && l.PupilId == RecordIds.PupilFromUpn(A));
        Assert.Contains(export.Pupils, p => p.Upn == C);
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("")]
    public void Read_AttendMarksWithoutAReadableStartDate_ErrorNotYearTotals(string start)
    {
        var export = Read(Pupil(A, "Lee", "Ann", start: start, marks: "/\\/\\"));

        var error = Assert.Single(export.Issues, i => i.IsError);
        Assert.Equal("AttendStartDate", error.Column);
        Assert.Empty(export.AttendanceSummaries);
    }

    /// <summary>A CTF's mark string carries no minutes late: repeating a stored late mark, it leaves the minutes an attendance.csv gave.</summary>
    [Fact]
    public void Merge_CtfRepeatingStoredLateMark_MinutesLateKept()
    {
        var pupil = RecordIds.PupilFromUpn(A);
        var registers = new AttendanceRegisters(TestFiles.Calendar2025);
        var index = new PupilIndex();
        index.Accept(A, pupil, new RowRef("pupils.csv", 2));
        AttendanceCsv.Read(new StringReader($"UPN,Date,Session,Mark,Minutes Late\n{A},2025-09-03,AM,L,12\n{A},2025-09-03,PM,/,\n"), new AttendanceSink(registers), index, []);
        var csv = Read(Pupil(A, "Lee", "Ann")) with { Attendance = registers };
        var known = ExportMerge.Apply(KnownSchool.Empty, StoredChecks.Apply(csv, StoredSchool.Empty).Export!, At).School;

        var ctf = StoredChecks.Apply(Read(Pupil(A, "Lee", "Ann", marks: "L/")), StoredSchool.Of(known)).Export!;
        var (merged, summary) = ExportMerge.Apply(known, ctf, At.AddDays(1));

        var key = (pupil, new DateOnly(2025, 9, 3), SessionOfDay.Am);
        Assert.Equal(12, merged.Attendance[key].MinutesLate);
        Assert.Equal(0, summary.MarksChanged);
    }
}
