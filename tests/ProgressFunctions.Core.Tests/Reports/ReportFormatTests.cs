using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Tests.Reports;

public sealed class ReportFormatTests
{
    [Theory]
    [InlineData("Zoë O'Brien-Ó Súilleabháin", "Zoë O'Brien-Ó Súilleabháin")]
    [InlineData("Łukasz Kowalski", "Łukasz Kowalski")]
    [InlineData("A/B\\C:D*E?F\"G<H>I|J", "A_B_C_D_E_F_G_H_I_J")]
    [InlineData(" .hidden. ", "hidden")]
    [InlineData("Tab\tName", "Tab_Name")]
    public void SafeAttachmentName_Names_KeptAsWrittenWithoutWhatFileSystemsRefuse(string name, string expected) =>
        Assert.Equal(expected, ReportFormat.SafeAttachmentName(name));

    [Theory]
    [InlineData(new int[0], "Form")]
    [InlineData(new[] { 0, 3, 6 }, "Class")]
    [InlineData(new[] { 7 }, "Form")]
    [InlineData(new[] { 5, 6, 7 }, "Form")]
    [InlineData(new[] { 11, 13 }, "Form")]
    public void RegistrationGroupHeading_YearsListed_ClassOnlyWhenAllListedArePrimary(int[] years, string expected) =>
        Assert.Equal(expected, ReportFormat.RegistrationGroupHeading(years));

    [Theory]
    [InlineData(SnapshotPoint.Start, "2025-26-spring-start")]
    [InlineData(SnapshotPoint.End, "2025-26-spring")]
    [InlineData(SnapshotPoint.Ks2Results, "2025-26-spring")]
    public void TermSlug_Point_StartOfTermNamedApartFromTheEnd(SnapshotPoint point, string expected) =>
        Assert.Equal(expected, ReportFormat.TermSlug(new SnapshotKey("100001", new AcademicYear(2025), TermName.Spring, point)));

    [Theory]
    [InlineData(SnapshotPoint.Start, "Spring term 2025/26 (start of term)")]
    [InlineData(SnapshotPoint.End, "Spring term 2025/26")]
    [InlineData(SnapshotPoint.Ks2Results, "Spring term 2025/26")]
    public void PeriodLabel_Point_StartOfTermSaysSo(SnapshotPoint point, string expected) =>
        Assert.Equal(expected, ReportFormat.PeriodLabel(new SnapshotKey("100001", new AcademicYear(2025), TermName.Spring, point)));

    [Theory]
    // the second pupil beside "Sam Khan" (born 2012-09-04, UPN A823401201234) -> how each is listed
    [InlineData("Ava Khan", "2012-09-04", "A823401205678", "Sam Khan", "Ava Khan")]
    [InlineData("Sam Khan", "2013-01-15", "A823401205678", "Sam Khan (UPN ending 1234)", "Sam Khan (UPN ending 5678)")]
    [InlineData("sam khan", "2013-01-15", "A823401205678", "Sam Khan (UPN ending 1234)", "sam khan (UPN ending 5678)")]
    [InlineData("Sam Khan", null, "A823401205678", "Sam Khan (UPN ending 1234)", "Sam Khan (UPN ending 5678)")]
    [InlineData("Sam Khan", "2012-09-04", "B999999991234", "Sam Khan (UPN A823401201234)", "Sam Khan (UPN B999999991234)")]
    [InlineData("Sam Khan", "2012-09-04", "", "Sam Khan (p1)", "Sam Khan (p2)")]
    public void NamesOf_SameNameInOneTable_ToldApartOnlyWhereNamesCollide(string name, string? born, string upn, string expected1, string expected2)
    {
        var first = new Pupil { Id = "p1", Upn = "A823401201234", LegalForename = "Sam", LegalSurname = "Khan", DateOfBirth = new DateOnly(2012, 9, 4), YearGroup = 8, RegistrationGroup = "8C" };
        var second = new Pupil
        {
            Id = "p2", Upn = upn, LegalForename = name.Split(' ')[0], LegalSurname = name.Split(' ')[1],
            DateOfBirth = born is null ? null : DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), YearGroup = 8, RegistrationGroup = "8C",
        };
        var directory = new SchoolDirectory([first, second], [], [], [], []);

        var names = ReportFormat.NamesOf(directory, ["p1", "p2", "p1", "unknown"]);

        Assert.Equal((expected1, expected2, "unknown"), (names["p1"], names["p2"], names["unknown"]));
        Assert.Equal(3, names.Count);
    }

    [Fact]
    public void NameOf_NamesakeInTheSchoolButNotInTheList_ToldApartAnyway()
    {
        // Two "Leo Müller"s in 10A: a list naming only one of them must still say which.
        var listed = new Pupil { Id = "p1", Upn = "D201100015000", LegalForename = "Leo", LegalSurname = "Müller", YearGroup = 10, RegistrationGroup = "10A" };
        var namesake = listed with { Id = "p2", Upn = "E201100015020" };
        var other = listed with { Id = "p3", Upn = "F201100015031", LegalForename = "Ava" };
        var directory = new SchoolDirectory([listed, namesake, other], [], [], [], []);

        Assert.Equal(("Leo Müller (UPN ending 5000)", "Ava Müller"), (ReportFormat.NameOf(directory, "p1"), ReportFormat.NameOf(directory, "p3")));
    }
}
