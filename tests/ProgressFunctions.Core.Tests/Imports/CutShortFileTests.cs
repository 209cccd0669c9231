using System.Text;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Imports;

/// <summary>A file of the bundle that ends in the middle of a row, as an interrupted copy or upload leaves it, and files with no rows.</summary>
public class CutShortFileTests
{
    private const string Pupils = "UPN,Legal Surname,Legal Forename,Date of Birth,Year,Reg Group\nC201100025001,Smith,Olivia,2014-01-02,7,7A\nR201100025002,Jones,Harry,2014-03-04,7,7B\n";

    private static SchoolExport Read(string file, string text) => BundleReader.Read(file == "pupils.csv"
        ? TestFiles.Bundle((file, Encoding.UTF8.GetBytes(text)))
        : TestFiles.Bundle(("pupils.csv", Encoding.UTF8.GetBytes(Pupils)), (file, Encoding.UTF8.GetBytes(text))));

    /// <remarks>
    /// The rows before the cut are good: before this, they were imported and only the cut line was reported, as one row
    /// error. Many tools write a file without a line end after its last row: such a row is whole, and a short row that a
    /// line end closes is an error on that row only.
    /// </remarks>
    [Theory]
    [InlineData("UPN,Date,Session,Mark\nC201100025001,2025-09-03,AM,/\nR201100025002,2025-09-03,AM,/\nR201100025002,2025-09", 0,
        "0:attendance.csv stops in the middle of line 4 (it has 2 of its 4 fields and no line end): the file was cut short, as an interrupted copy or upload leaves it; nothing from it was imported: export it again")]
    [InlineData("UPN,Date,Session,Mark\r\nC201100025001,2025-09-03,AM,/\r\nR201100025002,2025-09-03,", 0,
        "0:attendance.csv stops in the middle of line 3 (it has 3 of its 4 fields and no line end): the file was cut short, as an interrupted copy or upload leaves it; nothing from it was imported: export it again")]
    [InlineData("UPN,Date,Session,Mark,Late Reason\nC201100025001,2025-09-03,AM,/,\nR201100025002,2025-09-03,AM,L,\"bus", 0,
        "0:attendance.csv ends inside a quoted field that opens on line 3 and is never closed: the file was cut short, as an interrupted copy or upload leaves it, or that line has a stray quote; nothing from it was imported: export it again")]
    [InlineData("UPN,Date,Session,Mark\nC201100025001,2025-09-03,AM,/\nR201100025002,2025-09-03,AM,/", 2, "")]
    [InlineData("UPN,Date,Session,Mark\r\nC201100025001,2025-09-03,AM,/\r\nR201100025002,2025-09-03,AM,\"/\"", 2, "")]
    [InlineData("UPN,Date,Session,Mark\nC201100025001,2025-09-03,AM,/\nR201100025002,2025-09-03,AM,/\n,,,", 2, "")]
    [InlineData("UPN,Date,Session,Mark\nC201100025001,2025-09-03,AM,/\nR201100025002,2025-09\n", 1, "3:the row has 2 fields but the header has 4 (a truncated row, or an unquoted comma)")]
    [InlineData("UPN,Date,Session,Mark\nC201100025001,2025-09-03,AM,/\nR201100025002,2025-09-03,AM,/,x", 1, "3:the row has 5 fields but the header has 4 (a truncated row, or an unquoted comma)")]
    public void Read_AttendanceCsvLastLine_RefusedWholeOnlyWhenCutShort(string text, long marks, string errors)
    {
        var export = Read("attendance.csv", text);

        Assert.Equal(errors, string.Join(';', export.Issues.Where(i => i.File == "attendance.csv" && i.IsError).Select(i => $"{i.Line}:{i.Reason}")));
        Assert.Equal(marks, export.RecordsRead["attendance.csv"]);
        Assert.Equal(marks > 0, export.Attendance is not null);
        Assert.Equal(2, export.Pupils.Count);
    }

    [Theory]
    [InlineData("contacts.csv", "Pupil UPN,Forename,Surname,Email\nC201100025001,Sarah,Smith,s@example.org\nR201100025002,Jo",
        "contacts.csv stops in the middle of line 3 (it has 2 of its 4 fields and no line end): the file was cut short, as an interrupted copy or upload leaves it; nothing from it was imported: export it again")]
    [InlineData("contacts.csv", "Pupil UPN,Forename,Surname,Email\nC201100025001,Sarah,\"Smith\nJones\",s@example.org\nR201100025002,\"Jo\nAnn\",Jones",
        "contacts.csv stops in the middle of line 5 (it has 3 of its 4 fields and no line end): the file was cut short, as an interrupted copy or upload leaves it; nothing from it was imported: export it again")]
    [InlineData("staff.csv", "Staff ID,Forename,Surname,Email\nT1,Ann,Lee,ann@school.example\nT2,Bo",
        "staff.csv stops in the middle of line 3 (it has 2 of its 4 fields and no line end): the file was cut short, as an interrupted copy or upload leaves it; nothing from it was imported: export it again")]
    [InlineData("behaviour.csv", "UPN,Date,Points\nC201100025001,2025-09-03,2\nR201100025002",
        "behaviour.csv stops in the middle of line 3 (it has 1 of its 3 fields and no line end): the file was cut short, as an interrupted copy or upload leaves it; nothing from it was imported: export it again")]
    public void Read_OtherFileEndingInTheMiddleOfARow_RefusedWholeWithOneError(string file, string text, string reason)
    {
        var export = Read(file, text);

        var issue = Assert.Single(export.Issues, i => i.File == file && i.IsError);
        Assert.Equal((0, "", reason, true), (issue.Line, issue.Column, issue.Reason, issue.StopsItsFile));
        Assert.Equal(0, export.RecordsRead[file]);
        Assert.Empty(export.Contacts);
        Assert.Empty(export.Staff);
        Assert.Empty(export.Behaviour);
        Assert.Equal(2, export.Pupils.Count);
    }

    /// <summary>A cut pupils.csv is refused whole like any other: no pupil is read, so the ingest refuses the export (none of the pupils it lost is taken off roll).</summary>
    [Fact]
    public void Read_PupilsCsvEndingInTheMiddleOfARow_NoPupilRead()
    {
        var export = Read("pupils.csv", Pupils + "F201100025003,Brown,Al");

        var issue = Assert.Single(export.Issues, i => i.File == "pupils.csv" && i.IsError);
        Assert.StartsWith("pupils.csv stops in the middle of line 4 (it has 3 of its 6 fields and no line end): the file was cut short", issue.Reason, StringComparison.Ordinal);
        Assert.True(issue.StopsItsFile);
        Assert.Empty(export.Pupils);
    }

    [Theory]
    [InlineData("pupils.csv", "")]
    [InlineData("attendance.csv", "")]
    [InlineData("contacts.csv", "\uFEFF")]
    public void Read_EmptyFile_TheErrorNamesTheFile(string file, string text)
    {
        var export = Read(file, text);

        var issue = Assert.Single(export.Issues, i => i.File == file && i.IsError);
        Assert.Equal($"{file} is empty: expected a header row", issue.Reason);
    }

    [Theory]
    [InlineData("contacts.csv", "Pupil UPN,Forename,Surname\n", true)]
    [InlineData("contacts.csv", "Pupil UPN,Forename,Surname", true)]
    [InlineData("contacts.csv", "Pupil UPN,Forename,Surname\r\n,,\r\n\r\n", true)]
    [InlineData("contacts.csv", "Pupil UPN,Forename,Surname\nF201100025003,Al,Brown\n", false)]     // a row, refused
    [InlineData("contacts.csv", "Pupil UPN,Forename,Surname\nC201100025001,Al,Brown\n", false)]
    [InlineData("contacts.csv", "Pupil,Forename,Surname\n", false)]                                 // refused for its header
    [InlineData("attendance.csv", "UPN,Date,Session,Mark\n", true)]
    [InlineData("attendance.csv", "UPN,Date,Session,Mark\nF201100025003,2025-09-03,AM,/\n", false)]
    public void Read_FileWithAHeaderAndNoRow_Listed(string file, string text, bool listed)
    {
        var export = Read(file, text);

        Assert.Equal(listed, export.FilesWithoutRows.Contains(file));
        Assert.DoesNotContain("pupils.csv", export.FilesWithoutRows);
    }

    /// <summary>An export whose contacts.csv or attendance.csv has no row keeps what is stored, and the person importing is told.</summary>
    [Theory]
    [InlineData("contacts.csv", true, false, "contacts.csv holds only its header, no rows: the contacts already stored are kept as they are. If the MIS holds contacts for the school, export contacts.csv again")]
    [InlineData("contacts.csv", false, true, null)]
    [InlineData("attendance.csv", false, true, "attendance.csv holds only its header, no rows: the attendance marks already stored are kept as they are. If the MIS holds attendance marks for the school, export attendance.csv again")]
    [InlineData("attendance.csv", true, false, null)]
    public void StoredChecks_FileWithNoRowWhereTheStoreHoldsItsKind_Warned(string file, bool contactsStored, bool marksStored, string? warning)
    {
        var export = Read(file, file == "contacts.csv" ? "Pupil UPN,Forename,Surname\n" : "UPN,Date,Session,Mark\n");
        var pupils = export.Pupils.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var id = export.Pupils[0].Id;
        var contact = new Contact { Id = "c1", Forename = "Sarah", Surname = "Smith" };
        var stored = new StoredSchool(pupils,
            contactsStored ? [new ContactLink { ContactId = "c1", PupilId = id, ParentalResponsibility = true }] : [],
            contactsStored ? new Dictionary<string, Contact> { ["c1"] = contact } : new Dictionary<string, Contact>(),
            LastMarked: marksStored ? new DateOnly(2025, 9, 3) : null);

        var checkedExport = StoredChecks.Apply(export, stored);

        var said = checkedExport.Export!.Issues.SingleOrDefault(i => i.File == file && i.Reason.Contains("holds only its header", StringComparison.Ordinal));
        Assert.Equal(warning, said?.Reason);
        Assert.True(said is null || (!said.IsError && said.TellDataManagers && said.IsAboutWholeFile));
    }
}
