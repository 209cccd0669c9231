using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Sen;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class SenReportFormatTests
{
    private static readonly ProgressFunctions.Core.Interventions.Intervention s_speech =
        new() { PupilId = "p2", Type = "Speech and language", Start = new(2025, 11, 3), StaffId = "S004", NotesId = "N-4471" };

    private static ReportDocument Build(IReadOnlyList<SenSection>? sections, bool interventions = false)
    {
        var snapshot = SnapshotBuilder.Build(SnapshotData.Inputs() with { Interventions = interventions ? [s_speech] : [] });
        var staff = new ProgressFunctions.Core.Schools.StaffMember { Id = "S004", Title = "Mrs", Forename = "Anika", Surname = "Sharma", Email = "a.sharma@school.example" };
        return SenReport.Build(new SenReportInput("Oakfield Academy", snapshot.AsOf, snapshot, snapshot.Directory([staff])) { Sections = sections });
    }

    private static IEnumerable<string> Headings(ReportDocument document) => document.Blocks.OfType<Heading>().Select(h => h.Value);

    [Fact]
    public void Build_Default_TheStandardReportAsBefore()
    {
        var report = Build(null);

        Assert.Equal(["Pupils"], Headings(report));
        Assert.Equal(["SEN groups compared with pupils without SEN", "Pupils with SEN (1)", "Progress concerns in detail (1 entries)"],
            report.Blocks.OfType<TableBlock>().Select(t => t.Caption));
    }

    [Fact]
    public void Build_DefaultWithInterventions_ImpactAddedAtTheEnd()
    {
        var report = Build(null, interventions: true);

        Assert.Equal(["Pupils", "Interventions and their impact"], Headings(report));
        Assert.Equal("Impact by type of intervention", report.Blocks.OfType<TableBlock>().ElementAt(3).Caption);
    }

    [Fact]
    public void Build_AgreedSections_InTheSchoolsOrderAndNothingElse()
    {
        var report = Build([SenSection.Notes, SenSection.Progress, SenSection.Homework, SenSection.Attendance], interventions: true);

        Assert.Equal(["Notes", "Progress by subject", "Homework", "Attendance"], Headings(report));
        var notes = report.Blocks.OfType<TableBlock>().First();
        Assert.Equal(["Test p2", "Speech and language", "from 3 November 2025, open", "Mrs Sharma", "N-4471"], Assert.Single(notes.Rows).Cells);
        Assert.DoesNotContain(report.Blocks.OfType<TableBlock>(), t => t.Caption == "Impact by type of intervention");
    }
}
