using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Imports.Csv;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

public class CaseloadsCsvTests
{
    private const string Upn1 = "C201100025001";
    private const string Upn2 = "R201100025002";

    private static PupilIndex Pupils()
    {
        var index = new PupilIndex();
        index.Accept(Upn1, "p1", new RowRef("pupils.csv", 2));
        index.Accept(Upn2, "p2", new RowRef("pupils.csv", 3));
        return index;
    }

    [Fact]
    public void Read_MentorsFromStaffCsv_OnlyMentorsKept()
    {
        var issues = new List<ImportIssue>();
        var mentees = CaseloadsCsv.Read(new StringReader($"Mentor,Mentee UPN\nM1,{Upn1}\nM2,{Upn2}\nT9,{Upn2}\nM1,{Upn1}\n"), Pupils(),
            new HashSet<string> { "M1", "M2" }, issues);

        Assert.Equal([new Mentee("M1", "p1"), new Mentee("M2", "p2")], mentees);
        Assert.Equal([(4, true, "staff T9 is not a progress mentor in staff.csv (role ProgressMentor)"), (5, false, "repeats line 2: the pupil is on this mentor's caseload once")],
            issues.Select(i => (i.Line, i.IsError, i.Reason)));
    }

    [Fact]
    public void Read_NoStaffCsv_AnyValidIdKept()
    {
        var issues = new List<ImportIssue>();
        var mentees = CaseloadsCsv.Read(new StringReader($"Staff ID,UPN\nT9,{Upn1}\nbad id,{Upn2}\n"), Pupils(), null, issues);

        Assert.Equal([new Mentee("T9", "p1")], mentees);
        Assert.Equal((3, "Staff ID"), (Assert.Single(issues).Line, issues[0].Column));
    }

    [Fact]
    public void BundleReader_CaseloadsAndInterventions_ReadWithTheStaffFile()
    {
        var bundle = TestFiles.Bundle(
            ("pupils.csv", "UPN,Legal Surname,Legal Forename,Year\nC201100025001,Brontë,Zoë,7\n"u8.ToArray()),
            ("staff.csv", "Staff ID,Forename,Surname,Email,Roles\nM1,Rhiannon,Pryce,r.pryce@school.example,ProgressMentor\nH1,Helen,Marsh,h.marsh@school.example,Headteacher\n"u8.ToArray()),
            ("caseloads.csv", "Staff ID,UPN\nM1,C201100025001\nH1,C201100025001\n"u8.ToArray()),
            ("interventions.csv", "UPN,Type,Start\nC201100025001,Reading catch-up,2025-10-06\n"u8.ToArray()));

        var export = BundleReader.Read(bundle);

        Assert.Equal([new Mentee("M1", export.Pupils[0].Id)], export.Caseloads);
        Assert.Equal("Reading catch-up", Assert.Single(export.Interventions).Type);
        var issue = Assert.Single(export.Issues, i => i.File == "caseloads.csv");
        Assert.Equal((3, "staff H1 is not a progress mentor in staff.csv (role ProgressMentor)"), (issue.Line, issue.Reason));
    }

    [Fact]
    public void BundleReader_NoOptionalFiles_NoIssueAndCaseloadsUnknown()
    {
        var export = BundleReader.Read(TestFiles.Bundle(("pupils.csv", "UPN,Legal Surname,Legal Forename,Year\nC201100025001,Brontë,Zoë,7\n"u8.ToArray())));

        Assert.Null(export.Caseloads);
        Assert.Empty(export.Interventions);
        Assert.DoesNotContain(export.Issues, i => i.File is "caseloads.csv" or "interventions.csv");
    }
}
