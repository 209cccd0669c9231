using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Ks2;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Ks2Sats;
using ProgressFunctions.Core.Reports.Sen;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Core.Reports.WholeSchool;
using ProgressFunctions.Core.Reports.YearGroups;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class StaffReportTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(11)]
    public void YearGroupReport_Build_ListsExactlyThePersistentAbsenteesOfThatYear(int year)
    {
        var (school, snapshot) = ReportData.School(200, seed: 3);

        var document = YearGroupReport.Build(new YearGroupReportInput(school.Name, ReportData.AsOf, snapshot, year, school.Directory));

        var listed = document.Blocks.OfType<TableBlock>().Where(t => t.Caption!.Contains("absence", StringComparison.Ordinal))
            .SelectMany(t => t.Rows.Select(r => r.Cells[0])).Order(StringComparer.Ordinal);
        var expected = snapshot.Pupils.Where(p => p.YearGroup == year && p.YearAttendance.IsPersistentAbsence)
            .Select(p => ReportFormat.NameOf(school.Directory, p.PupilId)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed);
        Assert.NotEmpty(expected);
        Assert.Equal($"Year {year} report", document.Title);
        var cohort = snapshot.Cohorts.Single(c => c.Kind == CohortKind.YearGroup && c.Name == $"Year {year}");
        Assert.Contains(Percentages.Format(cohort.AttendanceRate), document.Text());
        Assert.Contains($"{cohort.PersistentAbsentees} ({Percentages.Format(cohort.PersistentAbsenceRate)})", document.Text());
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    public void YearGroupReport_Build_PersistentAbsenceTileReconcilesWithTheListsAndTheNote(int year)
    {
        var (school, snapshot) = ReportData.School(600, seed: 2026);

        var document = YearGroupReport.Build(new YearGroupReportInput(school.Name, ReportData.AsOf, snapshot, year, school.Directory));

        var tile = document.Blocks.OfType<KeyFacts>().Single().Facts.Single(f => f.Label == "Persistent absence (incl. severe)");
        var total = int.Parse(tile.Value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var persistent = document.Blocks.OfType<TableBlock>().SingleOrDefault(t => t.Caption!.StartsWith("Persistent absence, not severe: 10% to under 50%", StringComparison.Ordinal))?.Rows.Count ?? 0;
        var severe = document.Blocks.OfType<TableBlock>().SingleOrDefault(t => t.Caption!.StartsWith("Severe absence", StringComparison.Ordinal))?.Rows.Count ?? 0;
        Assert.Equal(total, persistent + severe);
        var note = document.Blocks.OfType<Paragraph>().SingleOrDefault(p => p.Value.StartsWith("Persistent absence (10% or more of sessions missed) counts severe", StringComparison.Ordinal));
        Assert.Equal(severe == 0 ? null : $"{total} pupils = {persistent} with attendance over 50% to 90% + {severe} at 50% and below.", note?.Value.Split(": ")[1]);
    }

    [Fact]
    public void YearGroupReport_Build_ListsSubjectsBelowExpectedAndHighestBehaviour()
    {
        var (school, snapshot) = ReportData.School();

        var text = YearGroupReport.Build(new YearGroupReportInput(school.Name, ReportData.AsOf, snapshot, 8, school.Directory)).Text().ToList();

        var year8 = snapshot.Pupils.Where(p => p.YearGroup == 8).ToList();
        var worst = year8.OrderByDescending(p => p.BehaviourPoints).First();
        Assert.Contains(school.Directory.Pupil(worst.PupilId)!.DisplayName, text);
        Assert.Contains(worst.BehaviourPoints.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
        foreach (var (pupil, subject) in year8.SelectMany(p => p.Subjects.Where(s => s.NotMakingExpectedProgress).Select(s => (p, s))))
        {
            Assert.Contains(school.Directory.Pupil(pupil.PupilId)!.DisplayName, text);
            Assert.Contains(subject.Subject, text);
        }
    }

    [Fact]
    public void SubjectReport_Build_CountsEveryTeachingGroupPerBand()
    {
        var (school, snapshot) = ReportData.School();

        var document = SubjectReport.Build(new SubjectReportInput(school.Name, ReportData.AsOf, snapshot, "mathematics", school.Directory));

        // Groups in year order: 7Ma1 before 10Ma1.
        var groups = snapshot.Cohorts.Where(c => c.Kind == CohortKind.TeachingGroup && c.Subject == "Mathematics")
            .OrderBy(c => int.Parse(c.Name[..^3], System.Globalization.CultureInfo.InvariantCulture)).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var table = document.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Pupils per progress band");
        Assert.Equal([.. groups.Select(g => g.Name), "All groups"], table.Rows.Select(r => r.Cells[0]));
        var onTrack = table.Columns.Select(c => c.Header).ToList().IndexOf("On track");
        Assert.Equal(groups.Select(g => g.Bands.Single(b => b.Band == ProgressBand.OnTrack).Entries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            table.Rows.SkipLast(1).Select(r => r.Cells[onTrack]));
        var chart = document.Blocks.OfType<BarChart>().Single();
        Assert.Equal(["Above", "On track", "Below", "Well below"], chart.Series.Select(s => s.Name));
        Assert.Equal("Mathematics report", document.Title);
        Assert.Equal("2025-26-spring-subject-mathematics.pdf", document.FileName);
    }

    [Theory]
    [InlineData("Mathematics", "Not counted above: 2 pupils have results in Mathematics but no target, so their progress cannot be measured. Their reports show their latest result.")]
    [InlineData("Combined Science", "No pupil has a target in Combined Science at this snapshot; 2 pupils have results in it without one, so no progress can be measured. Their reports show their latest result.")]
    public void SubjectReport_Build_PupilsWithResultsButNoTarget_SaidNotCounted(string subject, string expected)
    {
        var (school, snapshot) = ReportData.School();
        var untargeted = new UntargetedSubject(subject, "GCSE", "4");
        var pupils = snapshot.Pupils.Select((p, i) => p with { WithoutTarget = i < 2 ? [untargeted] : null }).ToEquatableList();

        var document = SubjectReport.Build(new SubjectReportInput(school.Name, ReportData.AsOf, snapshot with { Pupils = pupils }, subject, school.Directory));

        Assert.Contains(expected, document.Text());
    }

    [Fact]
    public void SenReport_Build_ListsEverySenPupilAndNoOther()
    {
        var (school, snapshot) = ReportData.School();

        var document = SenReport.Build(new SenReportInput(school.Name, ReportData.AsOf, snapshot, school.Directory));

        var table = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Pupils with SEN", StringComparison.Ordinal));
        var sen = snapshot.Pupils.Where(p => p.Sen != SenStatus.None).ToList();
        Assert.Equal(sen.Count, table.Rows.Count);
        Assert.All(sen, p => Assert.Contains(table.Rows, r => r.Cells[0] == ReportFormat.NameOf(school.Directory, p.PupilId)
            && r.Cells[3] == Percentages.Format(p.YearAttendance.AttendanceRate)));
    }

    [Fact]
    public void SenReport_PupilsTable_BehaviourAndHomeworkColumnsSayWhatAndWhen()
    {
        var (school, snapshot) = ReportData.School();

        var document = SenReport.Build(new SenReportInput(school.Name, ReportData.AsOf, snapshot, school.Directory));

        var table = document.Blocks.OfType<TableBlock>().Single(t => t.Caption!.StartsWith("Pupils with SEN", StringComparison.Ordinal));
        Assert.Equal(["Behaviour points (term)", "Homework handed in (term)"], table.Columns.Skip(4).Take(2).Select(c => c.Header));
    }

    [Fact]
    public void WholeSchoolReport_Build_HasEveryCohortWithItsFigures()
    {
        var (school, snapshot) = ReportData.School();

        var document = WholeSchoolReport.Build(new WholeSchoolReportInput(school.Name, ReportData.AsOf, snapshot));

        var cohorts = document.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Cohorts");
        var expected = snapshot.Cohorts.Where(c => c.Kind is CohortKind.School or CohortKind.YearGroup or CohortKind.Sen).ToList();
        Assert.Equal(expected.Select(c => c.Name), cohorts.Rows.Select(r => r.Cells[0]));
        Assert.Equal(expected.Select(c => Percentages.Format(c.AttendanceRate)), cohorts.Rows.Select(r => r.Cells[2]));
        Assert.Equal(expected.Select(c => c.PupilsWithResults == 0 ? "No results" : c.NeedsAttention.ToString(System.Globalization.CultureInfo.InvariantCulture)), cohorts.Rows.Select(r => r.Cells[6]));
    }

    [Fact]
    public void WholeSchoolReport_PrimaryWithReception_GivesTheFiguresOnDfesBasisToo()
    {
        var synthetic = ProgressFunctions.Synthetic.SchoolGenerator.Generate(new ProgressFunctions.Synthetic.GeneratorOptions(SchoolPhase.Primary, 210, 2026, new DateOnly(2026, 3, 13)));
        var snapshot = synthetic.Snapshot();
        var older = snapshot.Pupils.Where(p => p.YearGroup != 0).Select(p => p.YearAttendance).Where(t => t.Possible > 0).ToList();
        var rate = Percentages.Format(Percentages.Of(older.Sum(t => t.Attended), older.Sum(t => t.Possible)));
        var persistent = older.Count(t => t.IsPersistentAbsence);

        var primary = WholeSchoolReport.Build(new WholeSchoolReportInput(synthetic.Name, ReportData.AsOf, snapshot));
        var secondary = WholeSchoolReport.Build(new WholeSchoolReportInput("Secondary", ReportData.AsOf, ReportData.School().Snapshot));

        Assert.Contains(primary.Text(), t => t.StartsWith($"These figures include the school's {snapshot.Pupils.Count(p => p.YearGroup == 0)} Reception pupils.", StringComparison.Ordinal)
            && t.EndsWith($"on that basis attendance is {rate} and persistent absence {persistent} pupils ({Percentages.Format(Percentages.Of(persistent, older.Count))}).", StringComparison.Ordinal));
        Assert.DoesNotContain(secondary.Text(), t => t.Contains("Reception pupils", StringComparison.Ordinal));
    }

    [Fact]
    public void Ks2SatsReport_Build_ShowsPercentagesHalfUp()
    {
        // 8 pupils: reading 100+ for 5 (62.5% -> "62.5%"), RWM expected 3 of 8 (37.5%), higher 1 of 8 (12.5%).
        var summary = Ks2Summary.Of(
        [
            new("a", 112, 111, 105, "GDS"), new("b", 104, 101, 100, "EXS"), new("c", 100, 100, 99, "EXS"), new("d", 101, 95, 90, "EXS"),
            new("e", 103, 99, 96, "WTS"), new("f", 95, 90, 92, "WTS"), new("g", null, 85, null, null), new("h", 90, 104, 101, "EXS"),
        ]);
        var key = new SnapshotKey("100001", new AcademicYear(2025), TermName.Summer, SnapshotPoint.End);

        var document = Ks2SatsReport.Build(new Ks2SatsReportInput("Zoë Park Primary", new DateOnly(2026, 7, 10), key, summary));

        var rows = document.Blocks.OfType<TableBlock>().Single().Rows;
        Assert.Equal(["Reading", "8", "5", "62.5%", "1", "12.5%"], rows[0].Cells);
        Assert.Equal(["Reading, writing and maths", "8", "3", "37.5%", "1", "12.5%"], rows[4].Cells);
        Assert.Contains("37.5%", document.Blocks.OfType<KeyFacts>().Single().Facts.Select(f => f.Value));
        Assert.Equal("2025-26-summer-ks2-sats.pdf", document.FileName);
    }
}
