using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
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
}
