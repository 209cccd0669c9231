using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Ctf;
using static ProgressFunctions.Core.Tests.Imports.SmallExports;

namespace ProgressFunctions.Core.Tests.Imports;

public class CtfPupilReaderTests
{
    private static string A { get; } = Upn(1);

    private static string C { get; } = Upn(3);

    private static string Pupil(string upn, string surname, string parent, string? email = null) => $"""
        <Pupil>
          <UPN>{upn}</UPN>
          <BasicDetails><Surname>{surname}</Surname><Forename>Sam</Forename><DOB>2014-01-02</DOB><NCyearActual>7</NCyearActual></BasicDetails>
          <Contacts><Contact><Forename>{parent}</Forename><Surname>{surname}</Surname><Email>{email ?? parent.ToLowerInvariant() + "@family.example"}</Email><Responsibility>true</Responsibility></Contact></Contacts>
          <Attendance><YearData><AttendStartDate>2025-09-03</AttendStartDate><AttendMarks>//</AttendMarks></YearData></Attendance>
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
}
