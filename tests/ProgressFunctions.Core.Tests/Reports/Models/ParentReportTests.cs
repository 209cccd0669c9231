using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Parents;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Synthetic;
using ProgressFunctions.Core.Tests.Builders;

namespace ProgressFunctions.Core.Tests.Reports.Models;

public class ParentReportTests
{
    [Fact]
    public void Build_SeededPupil_HoldsNameSubjectsAndFormattedFigures()
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[5];
        var name = school.Directory.Pupil(pupil.PupilId)!.DisplayName;

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId));

        var text = ReportData.AllText(document);
        Assert.Equal($"Progress report: {name}", document.Title);
        Assert.Equal("Spring term 2025/26", document.Subject);
        Assert.Equal(school.Name, document.Author);
        Assert.Contains(Percentages.Format(pupil.YearAttendance.AttendanceRate), text);
        Assert.Contains(Percentages.Format(pupil.TermAttendance.AttendanceRate), text);
        Assert.All(pupil.Subjects, s => Assert.Contains(s.Subject, text));
        var table = document.Blocks.OfType<TableBlock>().Single();
        // The spring end-of-term snapshot: the change is measured from the term's start.
        Assert.Equal(["Subject", "Current", "Target", "Expected now", "Progress", "Change this term"], table.Columns.Select(c => c.Header));
        Assert.Equal(pupil.Subjects.Select(s => s.CurrentGrade ?? "-"), table.Rows.Select(r => r.Cells[1]));
        Assert.Equal(pupil.Subjects.Select(s => s.Band?.Label() ?? "No result yet"), table.Rows.Select(r => r.Cells[4]));
        Assert.Contains(document.Blocks, b => b is LineChart { Title: "Attendance by school week" });
        Assert.Contains(document.Blocks, b => b is BarChart { Title: "Current and target grade" });
        // The two points tiles say which way is good: "2" alone does not.
        var facts = document.Blocks.OfType<KeyFacts>().Single().Facts;
        Assert.Equal(ProgressFunctions.Core.Reports.ReportFormat.Count(pupil.BehaviourPoints), facts.Single(f => f.Label == "Behaviour points this term").Value);
        Assert.Contains("behaviour points are given for incidents in school, so fewer is better", text);
    }

    [Fact]
    public void Build_ChildrenWithDifferentWeeks_ChartOnOneScale()
    {
        var (school, snapshot) = ReportData.School();
        var lowest = snapshot.Pupils.MinBy(p => WeeklyRates.Read(p.Weeks).Min(w => w.Rate ?? 100))!;
        var highest = snapshot.Pupils.MaxBy(p => WeeklyRates.Read(p.Weeks).Min(w => w.Rate ?? 100))!;

        var axes = new[] { lowest, highest }.Select(p => ParentReport.Build(ReportData.ParentInput(school, snapshot, p.PupilId)).Blocks.OfType<LineChart>().Single())
            .Select(c => (c.YMin, c.YMax));

        Assert.All(axes, axis => Assert.Equal((0d, 100d), axis));
    }

    [Fact]
    public void Build_FileNameAndPassword_ArePseudonymousAndFromDateOfBirth()
    {
        var (school, snapshot) = ReportData.School();
        var pupil = school.Directory.Pupil(snapshot.Pupils[0].PupilId)!;
        var input = ReportData.ParentInput(school, snapshot, pupil.Id);

        var open = ParentReport.Build(input);
        var locked = ParentReport.Build(input with { ProtectWithDateOfBirth = true });

        Assert.Equal($"2025-26-spring-{pupil.Id}.pdf", open.FileName);
        Assert.Null(open.Password);
        Assert.Equal(pupil.DateOfBirth!.Value.ToString("ddMMyyyy", System.Globalization.CultureInfo.InvariantCulture), locked.Password);
        Assert.DoesNotContain(pupil.LegalSurname, open.FileName, StringComparison.Ordinal);
        Assert.Equal($"{pupil.DisplayName} - Spring term 2025-26 progress report.pdf", open.AttachedAs);
    }

    [Theory]
    [InlineData("Oisín Edwards/7, Oisín Edwards/9", "Year 7, Year 9")]
    [InlineData("Oisín Edwards/7, OISÍN EDWARDS/7", "1 of 2, 2 of 2")]
    [InlineData("Oisín Edwards/7, Ciara Edwards/9", "-, -")]
    [InlineData("Oisín Edwards/7", "-")]
    public void Distinctions_ChildrenOfOneEmail_OnlyThoseSharingANameAreToldApart(string children, string expected)
    {
        var pupils = children.Split(", ").Select((c, i) => c.Split('/') is [var name, var year]
            ? new Pupil { Id = $"p{i}", Upn = "", LegalForename = name.Split(' ')[0], LegalSurname = name.Split(' ')[1], YearGroup = int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) }
            : throw new ArgumentException(c)).ToList();

        var distinctions = ParentReport.Distinctions(pupils);

        Assert.Equal(expected, string.Join(", ", pupils.Select(p => distinctions[p.Id] ?? "-")));
    }

    [Fact]
    public void Build_Distinguished_TheAttachmentNameSaysWhich()
    {
        var (school, snapshot) = ReportData.School();
        var pupil = school.Directory.Pupil(snapshot.Pupils[0].PupilId)!;

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.Id) with { Distinguish = "Year 7" });

        Assert.Equal($"{pupil.DisplayName} - Year 7 - Spring term 2025-26 progress report.pdf", document.AttachedAs);
        Assert.Equal($"2025-26-spring-{pupil.Id}.pdf", document.FileName);
    }

    [Theory]
    [InlineData(0, "Reception, class 7A.")]
    [InlineData(6, "Year 6, class 7A.")]
    [InlineData(7, "Year 7, form 7A.")]
    [InlineData(11, "Year 11, form 7A.")]
    public void Build_YearGroup_NamesTheRegistrationGroupAsTheSchoolDoes(int yearGroup, string expected)
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[0] with { YearGroup = yearGroup, RegistrationGroup = "7A" };
        var input = ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil };

        var first = ParentReport.Build(input).Blocks.OfType<Paragraph>().First();

        Assert.Contains($", {expected} Figures up to", first.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EXS|GDS|EXS", "GDS: working at greater depth within the expected standard; EXS: working at the expected standard.")]
    [InlineData("WTS|EXS|PK6", "EXS: working at the expected standard; WTS: working towards the expected standard; PK1 to PK6: the pre-key stage standards, for pupils working below WTS (PK6 the highest).")]
    [InlineData("5|6|5", null)]
    public void Build_TeacherAssessmentGrades_KeyForParentsOfThoseShown(string currentTargetExpected, string? key)
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[1];
        var grades = currentTargetExpected.Split('|');
        var subjects = pupil.Subjects.Select(s => s with { CurrentGrade = grades[0], TargetGrade = grades[1], ExpectedGrade = grades[2] }).ToEquatableList();
        var input = ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil with { Subjects = subjects } };

        var text = ParentReport.Build(input).Text().ToList();

        Assert.Equal(key, text.SingleOrDefault(t => t.Contains(": working", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(TargetSource.DfeTransitionMatrix, true)]
    [InlineData(TargetSource.School, false)]
    public void Build_DefaultTarget_MarkedWithFootnote(TargetSource source, bool footnote)
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[1];
        var subjects = pupil.Subjects.Select(s => s with { TargetSource = source }).ToEquatableList();
        var input = ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil with { Subjects = subjects } };

        var document = ParentReport.Build(input);

        var targets = document.Blocks.OfType<TableBlock>().Single().Rows.Select(r => r.Cells[2]).ToList();
        Assert.All(targets, t => Assert.Equal(footnote, t.EndsWith(" *", StringComparison.Ordinal)));
        Assert.Equal(footnote, document.Text().Contains(ParentReport.DefaultTargetNoteForParents));
        // The staff note's terms mean nothing to a family.
        Assert.DoesNotContain(document.Text(), t => t.Contains("transition matri", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("2025-09-01", null)]
    [InlineData("2025-09-03", null)]
    [InlineData("2026-02-26", "Figures up to 13 March 2026. {0} joined the school on 26 February 2026, so this year's figures start from that day.")]
    [InlineData("2026-03-14", null)]
    public void Build_AdmissionDate_JoinedAfterTheFirstWeekSaysFiguresStartThen(string admitted, string? expected)
    {
        var (school, snapshot) = ReportData.School();
        var input = ReportData.ParentInput(school, snapshot, snapshot.Pupils[0].PupilId);
        var pupil = school.Directory.Pupil(input.Pupil.PupilId)! with { AdmissionDate = DateOnly.Parse(admitted, System.Globalization.CultureInfo.InvariantCulture) };
        var directory = new ProgressFunctions.Core.Reports.Routing.SchoolDirectory([pupil], [], [], [], []);

        var first = ParentReport.Build(input with { Directory = directory, AsOf = new DateOnly(2026, 3, 13) }).Blocks.OfType<Paragraph>().First().Value;

        var forename = pupil.PreferredForename ?? pupil.LegalForename;
        Assert.Equal(expected is null ? "Figures up to 13 March 2026." : string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, forename), first[first.IndexOf("Figures up to", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData("-,-,-", true)]
    [InlineData("-,1,-", false)]
    [InlineData("-,first,-", false)]
    [InlineData("-,stale,-", false)]
    public void Build_NoSubjectHasAChange_SaysThereIsNoEarlierReport(string changes, bool note)
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[1];
        var kinds = changes.Split(',');
        var subjects = pupil.Subjects.Take(3).Select((s, i) => s with
        {
            ChangeSinceLast = kinds[i] == "1" ? 1m : null,
            FirstResultSinceLast = kinds[i] == "first",
            NotAssessedSinceLast = kinds[i] == "stale",
            LatestOn = new DateOnly(2026, 3, 11),
        }).ToEquatableList();

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil with { Subjects = subjects } });

        Assert.Equal(note, document.Text().Contains("There is no earlier report to compare these results with, so no change is shown yet."));
    }

    [Theory]
    [InlineData("Leo Begum/8, Zoë Begum/10, Noah Begum/7", "Zoë Begum, Leo Begum, Noah Begum")]
    [InlineData("Noah Begum/7, Amir Begum/7", "Amir Begum, Noah Begum")]
    [InlineData("Ava Khan/0, Ava Khan/6", "Ava Khan, Ava Khan")]
    public void InFamilyOrder_ChildrenOfOneEmail_EldestYearFirstThenName(string children, string expected)
    {
        var pupils = children.Split(", ").Select((c, i) => c.Split('/') is [var name, var year]
            ? new Pupil { Id = $"p{9 - i}", Upn = "", LegalForename = name.Split(' ')[0], LegalSurname = name.Split(' ')[1], YearGroup = int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) }
            : throw new ArgumentException(c)).ToList();

        var ordered = ParentReport.InFamilyOrder(pupils);

        Assert.Equal(expected, string.Join(", ", ordered.Select(p => p.DisplayName)));
        Assert.Equal(ordered.Select(p => p.YearGroup).OrderDescending(), ordered.Select(p => p.YearGroup));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Build_EveryPupilOfSeededCohort_NeverMentionsAnotherPupil(int seed)
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 40, seed, ReportData.AsOf));
        var snapshot = school.Snapshot();
        foreach (var pupil in snapshot.Pupils)
        {
            var name = school.Directory.Pupil(pupil.PupilId)!.DisplayName;
            var text = ReportData.AllText(ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId)));
            foreach (var other in school.Directory.Pupils.Where(o => o.Id != pupil.PupilId))
            {
                Assert.DoesNotContain(other.Id, text, StringComparison.Ordinal);
                if (other.DisplayName != name)
                {
                    Assert.DoesNotContain(other.DisplayName, text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Build_SameInput_EqualText()
    {
        var (school, snapshot) = ReportData.School();
        var first = ParentReport.Build(ReportData.ParentInput(school, snapshot, snapshot.Pupils[2].PupilId));
        var again = SchoolGenerator.Generate(new GeneratorOptions(SchoolPhase.Secondary, 120, 7, ReportData.AsOf));

        var second = ParentReport.Build(ReportData.ParentInput(again, again.Snapshot(), snapshot.Pupils[2].PupilId));

        Assert.Equal(first.Text(), second.Text());
        Assert.Equal(first.FileName, second.FileName);
    }

    [Theory]
    [InlineData(0, "No subject results have been recorded yet this year.")]
    public void Build_NoSubjects_SaysSo(int subjects, string expected)
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[0] with { Subjects = snapshot.Pupils[0].Subjects.Take(subjects).ToEquatableList() };

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil });

        Assert.Contains(expected, document.Text());
        Assert.DoesNotContain(document.Blocks, b => b is BarChart or TableBlock);
        // One line needs no page of its own.
        Assert.DoesNotContain(document.Blocks, b => b is PageBreak);
    }

    [Fact]
    public void Build_SubjectWithoutTarget_ShownWithItsLatestGradeAndSaidWhy()
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[1] with { WithoutTarget = [new UntargetedSubject("Combined Science", "GCSE", "4")] };

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil });

        var row = Assert.Single(document.Blocks.OfType<TableBlock>().Single().Rows, r => r.Cells[0] == "Combined Science");
        Assert.Equal(["Combined Science", "4", "Not set", "-", "No target yet", "-"], row.Cells);
        Assert.Contains("No target has been set yet in Combined Science, so the latest result is shown without an expected grade or progress.", document.Text());
    }

    [Fact]
    public void Build_OnlySubjectsWithoutTarget_TableStillShown()
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[0] with { Subjects = [], WithoutTarget = [new UntargetedSubject("Art", "GCSE", null), new UntargetedSubject("Science", "GCSE", "4")] };

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil });

        Assert.Equal(["Art", "Science"], document.Blocks.OfType<TableBlock>().Single().Rows.Select(r => r.Cells[0]));
        Assert.Contains("No target has been set yet in Art and Science, so the latest result is shown without an expected grade or progress.", document.Text());
        Assert.DoesNotContain("No subject results have been recorded yet this year.", document.Text());
    }

    [Fact]
    public void Build_SubjectsWithNoResultSinceTheLastReport_SayNoNewResultAndWhenTheShownOneIsFrom()
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[1];
        var stale = pupil.Subjects.Select((s, i) => i == 0 ? s with { NotAssessedSinceLast = true, ChangeSinceLast = null, LatestOn = new DateOnly(2025, 12, 1) } : s).ToEquatableList();
        var input = ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil with { Subjects = stale } };

        var document = ParentReport.Build(input);
        var assessed = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId));

        var rows = document.Blocks.OfType<TableBlock>().Single().Rows;
        Assert.Equal("No new result", rows[0].Cells[5]);
        Assert.Contains($"No new result since the last report in {stale[0].Subject} (from 1 December 2025): the result shown is the latest, with the grade expected on its date.", document.Text());
        Assert.DoesNotContain(assessed.Text(), t => t.Contains("No new result", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_FirstResultSinceTheLastReport_SaysFirstResultNotADash()
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[1];
        var first = pupil.Subjects.Select((s, i) => i == 0 ? s with { FirstResultSinceLast = true, ChangeSinceLast = null } : s).ToEquatableList();

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil with { Subjects = first } });

        var rows = document.Blocks.OfType<TableBlock>().Single().Rows;
        Assert.Equal("First result", rows[0].Cells[5]);
        Assert.All(rows.Skip(1), r => Assert.NotEqual("First result", r.Cells[5]));
    }

    [Theory]
    // year group -> the labels of the weekly chart's reference lines
    [InlineData(0, "95% expected|90%")]
    [InlineData(1, "95% expected|90% persistent absence")]
    public void Build_WeeklyChart_ReceptionsNinetyPercentLineNotCalledPersistentAbsence(int yearGroup, string labels)
    {
        var (school, snapshot) = ReportData.School();
        var pupil = snapshot.Pupils[0] with { YearGroup = yearGroup };

        var document = ParentReport.Build(ReportData.ParentInput(school, snapshot, pupil.PupilId) with { Pupil = pupil });

        var chart = document.Blocks.OfType<LineChart>().Single();
        Assert.Equal(labels, string.Join('|', chart.Lines.Select(r => r.Label)));
    }
}
