using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Tests.Builders;
using static ProgressFunctions.Core.Tests.Builders.ProgressData;

namespace ProgressFunctions.Core.Tests.Reports.Subjects;

public sealed class SubjectWorkbookTests
{
    private static WorkbookInput Input()
    {
        var inputs = SnapshotData.Inputs();
        inputs = inputs with
        {
            Pupils = [.. inputs.Pupils.Select(p => p.Id == "p2" ? p with { PupilPremium = true } : p)],
            Results =
            [
                .. inputs.Results,
                Result("p1", "Maths", "DD0", D(2025, 10, 1), "3"),
                Result("p1", "Maths", "Summer exam", D(2025, 6, 20), "2"),
                Result("p1", "Maths", "DD2", D(2025, 12, 10), "9"),
            ],
        };
        var snapshot = SnapshotBuilder.Build(inputs);
        return new WorkbookInput("Test School", snapshot, new SchoolDirectory(inputs.Pupils, [], [], [], []), inputs.Results, inputs.Scales);
    }

    [Fact]
    public void ForSubject_Maths_OneSheetPerTeachingGroupWithThisYearsPointsUpToTheSnapshot()
    {
        var input = Input();

        var workbook = SubjectWorkbook.ForSubject(input, "maths");

        Assert.Equal(("Maths workbook", "2025-26-autumn-subject-maths.xlsx", false), (workbook.Title, workbook.FileName, workbook.ShowGroup));
        Assert.Equal(["10X1", "10X2"], workbook.Sheets.Select(s => s.Name));
        var sheet = workbook.Sheets[0];
        Assert.Equal(["DD0", "DD1"], sheet.Points);
        var row = Assert.Single(sheet.Rows);
        var snapshot = input.Snapshot.Pupil("p1")!.Subjects.Single(s => s.Subject == "Maths");
        Assert.Equal(("p1", "A000000000000", "10A", "10X1", "None", false), (row.PupilId, row.Upn, row.Form, row.TeachingGroup, row.Sen, row.Disadvantaged));
        Assert.Equal(new GradeCell(5, "5"), row.Target);
        Assert.Equal([new GradeCell(3, "3"), new GradeCell(4, "4")], row.Points);
        Assert.Equal(new GradeCell(snapshot.Current, snapshot.CurrentGrade!), row.Current);
        Assert.Equal(new GradeCell(snapshot.Expected, snapshot.ExpectedGrade), row.Expected);
        Assert.Equal((snapshot.Band, snapshot.ChangeSinceLast), (row.Band, row.Change));
    }

    [Fact]
    public void ForSubject_PupilPremium_IsDisadvantagedAndBandsAreCounted()
    {
        var workbook = SubjectWorkbook.ForSubject(Input(), "Maths");

        var sheet = workbook.Sheets.Single(s => s.Name == "10X2");
        var row = Assert.Single(sheet.Rows);
        Assert.True(row.Disadvantaged);
        Assert.Equal("SEN support", row.Sen);
        Assert.Equal(1, sheet.Count(row.Band));
        Assert.Equal(0, sheet.Count(ProgressBands.All.First(b => b != row.Band)));
    }

    [Fact]
    public void ForYearGroup_Year10_OneSheetPerSubjectByNameShowingGroups()
    {
        var workbook = SubjectWorkbook.ForYearGroup(Input(), 10);

        Assert.Equal(("Year 10 workbook", "2025-26-autumn-year-10.xlsx", true), (workbook.Title, workbook.FileName, workbook.ShowGroup));
        Assert.Equal(["English", "Maths"], workbook.Sheets.Select(s => s.Name));
        Assert.Equal(["10X1", "10X2"], workbook.Sheets[1].Rows.Select(r => r.TeachingGroup));
    }

    [Fact]
    public void ForSubject_NotTaught_HasNoSheets() =>
        Assert.Empty(SubjectWorkbook.ForSubject(Input(), "Latin").Sheets);
}
