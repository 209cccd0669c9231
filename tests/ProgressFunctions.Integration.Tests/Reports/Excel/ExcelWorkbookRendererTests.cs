using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Subjects;
using ProgressFunctions.Infrastructure.Reports.Excel;

namespace ProgressFunctions.Integration.Tests.Reports.Excel;

/// <summary>The termly workbooks, opened by LibreOffice and by openpyxl: figures, grade labels, frozen header, filters, band colours.</summary>
/// <remarks>Set PF_REPORT_SAMPLES to a folder to keep the .xlsx files and look at them.</remarks>
public sealed class ExcelWorkbookRendererTests
{
    private readonly ExcelWorkbookRenderer _renderer = new();

    [Fact]
    public void Render_SubjectWorkbook_LibreOfficeReadsTheSnapshotsFigures()
    {
        var workbook = WorkbookSamples.ForSubject();
        var (sheets, filters) = FlatOds.Read(LibreOffice.Convert(Write(workbook), "fods"));

        var groups = SampleSchool.Snapshot.Cohorts
            .Where(c => c.Kind == CohortKind.TeachingGroup && c.Subject == WorkbookSamples.Subject).InGroupOrder(c => c.Name).ToList();
        Assert.Equal(["Summary", .. groups.Select(g => g.Name)], sheets.Select(s => s.Name));
        Assert.Equal(sheets.Count, filters.Count);
        foreach (var group in groups)
        {
            var sheet = sheets.Single(s => s.Name == group.Name);
            var entries = Entries(p => true, s => s.Subject == WorkbookSamples.Subject && s.TeachingGroup == group.Name);
            Assert.Equal(group.Pupils, sheet.DataRows);
            Assert.Equal(Expected(entries), Actual(sheet));
            AssertBandCounts(group, sheet, sheets[0]);
        }
    }

    [Fact]
    public void Render_YearGroupWorkbook_OneSheetPerSubjectWithTheSnapshotsFigures()
    {
        var workbook = WorkbookSamples.ForYearGroup();
        var (sheets, _) = FlatOds.Read(LibreOffice.Convert(Write(workbook), "fods"));

        var subjects = Entries(p => p.YearGroup == WorkbookSamples.YearGroup, _ => true).GroupBy(e => e.Subject.Subject).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.True(subjects.Count >= 5, $"Year {WorkbookSamples.YearGroup} takes {subjects.Count} subjects");
        // Excel keeps the sheet name "History" for itself.
        Assert.Equal(["Summary", .. subjects.Select(s => s.Key == "History" ? "History (subject)" : s.Key)], sheets.Select(s => s.Name));
        foreach (var (subject, i) in subjects.Select((s, i) => (s, i)))
        {
            var sheet = sheets[i + 1];
            Assert.Contains("Teaching group", sheet.Header);
            Assert.Equal(Expected([.. subject]), Actual(sheet));
            var summary = sheets[0].Rows[i + 1];
            Assert.Equal(subject.Key, summary[0].Shown);
            Assert.Equal(subject.Count(), summary[1].Number);
            Assert.Equal(ProgressBands.All.Select(b => (double?)subject.Count(e => e.Subject.Band == b)), summary.Skip(2).Take(4).Select(c => c.Number));
        }
    }

    [Fact]
    public void Render_AssessmentPoints_AreThisYearsDataDropsInDateOrderEndingAtTheCurrentGrade()
    {
        var workbook = WorkbookSamples.ForSubject();
        var (sheets, _) = FlatOds.Read(LibreOffice.Convert(Write(workbook), "fods"));

        var year = SampleSchool.Snapshot.Key.Year;
        var points = SampleSchool.School.Assessments
            .Where(r => r.Subject == WorkbookSamples.Subject && r.Date >= year.Start && r.Date <= SampleSchool.Snapshot.AsOf)
            .GroupBy(r => r.Point).OrderBy(g => g.Min(r => r.Date)).Select(g => g.Key).ToList();
        Assert.NotEmpty(points);
        foreach (var sheet in sheets.Skip(1))
        {
            Assert.Equal(["Pupil", "UPN", "Form", "SEN", "Disadvantaged", "Target", .. points, "Current", "Expected", "Band", "Change since last snapshot"], sheet.Header);
            for (var row = 0; row < sheet.DataRows; row++)
            {
                var last = points.Select(p => sheet.Cell(row, p)).LastOrDefault(c => c.Number is not null);
                Assert.Equal(sheet.Cell(row, "Current").Number, last?.Number);
            }
        }
    }

    [Fact]
    public void Render_EverySheet_HeaderFrozenFiltersOnBandsColouredByCondition()
    {
        foreach (var workbook in (ProgressWorkbook[])[WorkbookSamples.ForSubject(), WorkbookSamples.ForYearGroup()])
        {
            var read = OpenPyxl.Read(Write(workbook));

            foreach (var (sheet, i) in read.GetProperty("sheets").EnumerateArray().Select((s, i) => (s, i)))
            {
                var rows = sheet.GetProperty("rows").GetInt32();
                Assert.Equal("A2", sheet.GetProperty("freeze").GetString());
                Assert.Matches($"^A1:[A-Z]+{rows}$", sheet.GetProperty("filter").GetString());
                if (i == 0)
                {
                    Assert.Equal("Summary", sheet.GetProperty("name").GetString());
                    continue;
                }

                var band = BandColumn(workbook, workbook.Sheets[i - 1]);
                var formats = sheet.GetProperty("formats").EnumerateArray().ToList();
                Assert.Equal(["\"Above\"", "\"On track\"", "\"Below\"", "\"Well below\""], formats.Select(f => f.GetProperty("formula")[0].GetString()));
                Assert.All(formats, f => Assert.Equal($"{band}2:{band}{rows}", f.GetProperty("range").GetString()));
                Assert.All(formats, f => Assert.Equal(("cellIs", "equal"), (f.GetProperty("type").GetString(), f.GetProperty("operator").GetString())));
                Assert.Equal(4, formats.Select(f => f.GetProperty("fill").GetString()).Distinct().Count());
            }
        }
    }

    [Fact]
    public void Render_GradesOnOtherScales_StoredAsValuesShownAsLabels()
    {
        var workbook = WorkbookSamples.Labels();

        var path = Write(workbook);
        var (sheets, _) = FlatOds.Read(LibreOffice.Convert(path, "fods"));

        Assert.Equal(["Summary", "History (subject)", "Art-Design -A-", "Design and technology - resista", "Design and technology - res (2)"], sheets.Select(s => s.Name));
        var history = sheets[1];
        Assert.Equal((6d, "A*"), (history.Cell(0, "Target").Number!.Value, history.Cell(0, "Target").Shown));
        Assert.Equal((4d, "B"), (history.Cell(0, "Mock 1").Number!.Value, history.Cell(0, "Mock 1").Shown));
        Assert.Equal(new OdsCell(null, ""), history.Cell(0, "Mock 2"));
        Assert.Equal((5.25d, "A"), (history.Cell(0, "Expected").Number!.Value, history.Cell(0, "Expected").Shown));
        Assert.Equal((-1d, "-1.0"), (history.Cell(0, "Change since last snapshot").Number!.Value, history.Cell(0, "Change since last snapshot").Shown));
        Assert.Equal(("Emerging", null), (history.Cell(1, "Target").Shown, history.Cell(1, "Target").Number));
        Assert.Equal(("Yes", "SEN support", "No result yet"), (history.Cell(0, "Disadvantaged").Shown, history.Cell(0, "SEN").Shown, history.Cell(1, "Band").Shown));
        Assert.Equal("", history.Cell(1, "Change since last snapshot").Shown);
    }

    [Fact]
    public void Render_Workbook_IsValidOpenXml()
    {
        foreach (var workbook in (ProgressWorkbook[])[WorkbookSamples.ForSubject(), WorkbookSamples.ForYearGroup(), WorkbookSamples.Labels()])
        {
            using var stream = new MemoryStream(_renderer.Render(workbook));
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);

            var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document)
                .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
            Assert.Equal(ExcelWorkbookRenderer.XlsxContentType, _renderer.ContentType);
        }
    }

    private static List<(PupilSnapshot Pupil, SubjectSnapshot Subject)> Entries(Func<PupilSnapshot, bool> pupils, Func<SubjectSnapshot, bool> subjects) =>
        [.. SampleSchool.Snapshot.Pupils.Where(pupils).SelectMany(p => p.Subjects.Where(subjects).Select(s => (p, s)))];

    private static List<string> Expected(IReadOnlyList<(PupilSnapshot Pupil, SubjectSnapshot Subject)> entries)
    {
        var scales = SampleSchool.School.Profile.Scales;
        return Sorted(entries.Select(e =>
        {
            Assert.True(scales.TryGet(e.Subject.Scale, out var scale));
            return Line(
                SampleSchool.School.Directory.Pupil(e.Pupil.PupilId)!.DisplayName, (double)scale.ValueOf(e.Subject.TargetGrade), e.Subject.TargetGrade,
                (double?)e.Subject.Current, e.Subject.CurrentGrade ?? "", (double)e.Subject.Expected, e.Subject.ExpectedGrade,
                e.Subject.Band?.Label() ?? "No result yet", (double?)e.Subject.ChangeSinceLast);
        }));
    }

    private static List<string> Actual(OdsSheet sheet) => Sorted(Enumerable.Range(0, sheet.DataRows).Select(r => Line(
        sheet.Cell(r, "Pupil").Shown, sheet.Cell(r, "Target").Number, sheet.Cell(r, "Target").Shown, sheet.Cell(r, "Current").Number, sheet.Cell(r, "Current").Shown,
        sheet.Cell(r, "Expected").Number, sheet.Cell(r, "Expected").Shown, sheet.Cell(r, "Band").Shown, sheet.Cell(r, "Change since last snapshot").Number)));

    // Values to 9 decimal places: a spreadsheet keeps a double, the snapshot an exact decimal.
    private static string Line(string pupil, double? target, string targetGrade, double? current, string currentGrade, double? expected, string expectedGrade, string band, double? change) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{pupil} | target {target:0.#########} {targetGrade} | current {current:0.#########} {currentGrade} | expected {expected:0.#########} {expectedGrade} | {band} | change {change:0.#########}");

    private static List<string> Sorted(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];

    private static void AssertBandCounts(CohortProgress group, OdsSheet sheet, OdsSheet summary)
    {
        var row = summary.Rows.Single(r => r[0].Shown == group.Name);
        Assert.Equal(group.Pupils, row[1].Number);
        foreach (var (band, i) in ProgressBands.All.Select((b, i) => (b, i)))
        {
            var count = group.Bands.Single(b => b.Band == band).Entries;
            Assert.Equal(count, Enumerable.Range(0, sheet.DataRows).Count(r => sheet.Cell(r, "Band").Shown == band.Label()));
            Assert.Equal(count, row[2 + i].Number);
        }

        Assert.Equal(group.NoResult, row[6].Number);
    }

    private static string BandColumn(ProgressWorkbook workbook, WorkbookSheet sheet)
    {
        var columns = 6 + (workbook.ShowGroup ? 1 : 0) + sheet.Points.Count + 3;
        return SheetWriter.Column(columns - 1);
    }

    private static string Write(ProgressWorkbook workbook) => WorkbookSamples.Write(workbook.FileName, new ExcelWorkbookRenderer().Render(workbook));
}
