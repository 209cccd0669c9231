using ProgressFunctions.Core.Imports;
using static ProgressFunctions.Core.Tests.Imports.SmallExports;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>A refused pupils.csv row takes every row of the other files that names its pupil with it: none is linked to anybody.</summary>
public class RefusedPupilRowsTests
{
    private static string A { get; } = Upn(1);

    private static string B { get; } = Upn(2);

    private static string C { get; } = Upn(3);

    /// <summary>A with a wrong check letter.</summary>
    private static string BadA { get; } = (A[0] == 'A' ? 'B' : 'A') + A[1..];

    private const string PupilsHeader = "Pupil ID,UPN,Legal Surname,Legal Forename,Year\n";

    /// <summary>Each file that names pupils: its header, and a row for UPN {0}, the row's number {1} and a school day of September {2}.</summary>
    private static readonly Dictionary<string, (string Header, string Row)> s_files = new()
    {
        ["contacts.csv"] = ("Contact ID,Pupil UPN,Forename,Surname,Email", "c{1},{0},Ann,Lee{1},parent{1}@family.example"),
        ["attendance.csv"] = ("UPN,Date,Session,Mark", "{0},2025-09-{2:00},AM,N"),
        ["behaviour.csv"] = ("UPN,Date,Points,Category", "{0},2025-09-{2:00},-1,Late"),
        ["homework.csv"] = ("UPN,Subject,Due,Status", "{0},Maths,2025-09-{2:00},missing"),
        ["interventions.csv"] = ("UPN,Type,Start", "{0},Reading catch-up,2025-09-{2:00}"),
        ["caseloads.csv"] = ("Staff ID,UPN", "M{1},{0}"),
        ["assessments.csv"] = ("UPN,Subject,Point,Date,Scale,Grade", "{0},Maths,Point {1},2025-09-{2:00},GCSE,5"),
        ["targets.csv"] = ("UPN,Subject,Scale,Target", "{0},Subject {1},GCSE,6"),
    };

    /// <summary>How pupils.csv refuses rows: its rows after the header, and each refused UPN with its line.</summary>
    private static readonly Dictionary<string, (string Rows, (string Upn, int Line)[] Refused)> s_refusals = new()
    {
        ["same Pupil ID"] = ($"P1,{A},Lee,Ann,7\nP1,{B},Khan,Sam,7\n", [(A, 2), (B, 3)]),
        ["same UPN"] = ($"P1,{A},Lee,Ann,7\nP2,{A},Khan,Sam,7\n", [(A, 2)]),
        ["invalid UPN"] = ($"P1,{BadA},Lee,Ann,7\n", [(BadA, 2)]),
        ["row error"] = ($"P1,{A},Lee,Ann,Year 99\n", [(A, 2)]),
    };

    public static TheoryData<string, string> RefusalsByFile()
    {
        var data = new TheoryData<string, string>();
        foreach (var refusal in s_refusals.Keys)
        {
            foreach (var file in s_files.Keys)
            {
                data.Add(refusal, file);
            }
        }

        return data;
    }

    /// <summary>The file's rows: two for each UPN given, in turn.</summary>
    private static string Rows(string file, params string[] upns)
    {
        var (header, row) = s_files[file];
        int[] schoolDays = [3, 4, 5, 8, 9, 10, 11, 12];
        var n = 0;
        return header + "\n" + string.Concat(upns.Concat(upns).Select(upn => string.Format(System.Globalization.CultureInfo.InvariantCulture, row, upn, ++n, schoolDays[n - 1]) + "\n"));
    }

    [Theory]
    [MemberData(nameof(RefusalsByFile))]
    public void Read_PupilRowRefused_TheOtherFilesRowsForItRefusedOncePerFileAndPupilPointingToIt(string refusal, string file)
    {
        var (rows, refused) = s_refusals[refusal];
        var pupils = PupilsHeader + rows + $"P3,{C},Okafor,Ife,7\n";

        var export = Read(("pupils.csv", pupils), (file, Rows(file, [.. refused.Select(r => r.Upn), C])));

        Assert.Equal(["P3"], export.Pupils.Select(p => p.Id));
        Assert.All(Attached(export), a => Assert.Equal("P3", a.PupilId));
        Assert.Contains(Attached(export), a => a.PupilId == "P3");
        foreach (var (upn, line) in refused)
        {
            var issue = Assert.Single(export.Issues, i => i.File == file && i.Value == upn);
            Assert.True(issue.IsError);
            Assert.Contains($"pupils.csv:{line}", issue.Reason, StringComparison.Ordinal);
        }
    }

    /// <summary>Pupil P1 is A in the store; the export gives the id to another child, or A's UPN to another id.</summary>
    public static TheoryData<string, string> IdentityChangesByFile()
    {
        var data = new TheoryData<string, string>();
        foreach (var change in new[] { "id stored for another UPN", "UPN stored under another id" })
        {
            foreach (var file in s_files.Keys)
            {
                data.Add(change, file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IdentityChangesByFile))]
    public void Check_PupilsIdentityDiffersFromTheStore_NoRowOfTheOtherFilesForItLinkedToAnyone(string change, string file)
    {
        var stored = Import(KnownSchool.Empty, ("pupils.csv", PupilsHeader + $"P1,{A},Lee,Ann,7\n"));
        var (id, upn) = change == "id stored for another UPN" ? ("P1", B) : ("P9", A);

        var checkedExport = Check(stored, ("pupils.csv", PupilsHeader + $"{id},{upn},Khan,Sam,7\nP3,{C},Okafor,Ife,7\n"), (file, Rows(file, upn, C)));

        var export = checkedExport.Export!;
        Assert.Equal(["P3"], export.Pupils.Select(p => p.Id));
        Assert.All(Attached(export), a => Assert.Equal("P3", a.PupilId));
        var issue = Assert.Single(export.Issues, i => i.File == file && i.Value == id);
        Assert.Equal((true, 2), (issue.IsError, issue.Line));
        Assert.StartsWith($"pupil {id}'s row in pupils.csv was refused (line 2): no row for this pupil in {file} is imported", issue.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Renamed_NamesSwappedBetweenPupils_NoRowOfTheOtherFilesForEitherLinkedToAnyone(string file)
    {
        var stored = Import(KnownSchool.Empty, ("pupils.csv", PupilsHeader + $"P1,{A},Lee,Ann,7\nP2,{B},Khan,Sam,7\n"));

        var checkedExport = Check(stored, ("pupils.csv", PupilsHeader + $"P1,{A},Khan,Sam,7\nP2,{B},Lee,Ann,7\nP3,{C},Okafor,Ife,7\n"), (file, Rows(file, A, B, C)));

        var export = checkedExport.Export!;
        Assert.Equal(["P3"], export.Pupils.Select(p => p.Id));
        Assert.All(Attached(export), a => Assert.Equal("P3", a.PupilId));
        Assert.Equal([("P1", 2), ("P2", 3)], export.Issues.Where(i => i.File == file && i.IsError).Select(i => (i.Value, i.Line)).Order());
    }

    public static TheoryData<string> Files() => [.. s_files.Keys];
}
