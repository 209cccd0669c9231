using ProgressFunctions.Core;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Infrastructure.Reports.Pdf;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Reports;

/// <summary>Every audience's report, rendered to PDF and read back with qpdf and pdftotext.</summary>
/// <remarks>Set PF_REPORT_SAMPLES to a folder to keep the PDFs (e.g. to look at them as PNG with pdftoppm).</remarks>
public class AudienceReportPdfTests
{
    private readonly PdfReportRenderer _renderer = new();

    public static TheoryData<string> Audiences => [.. SampleSchool.EveryAudience().Select(a => a.Audience)];

    [Theory]
    [MemberData(nameof(Audiences))]
    public void Render_EveryAudience_PassesQpdfAndHoldsItsText(string audience)
    {
        var document = SampleSchool.EveryAudience().Single(a => a.Audience == audience).Document;
        var path = Write(audience, _renderer.Render(document));

        var check = PdfTools.Run("qpdf", $"--check \"{path}\"");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("No syntax or stream encoding errors", check.Output);
        var text = Normalise(PdfTools.Run("pdftotext", $"-enc UTF-8 \"{path}\" -").Output);
        Assert.Contains(document.Title, text);
        // The headings, the key figures and every short table cell (grades, counts, percentages) show in the PDF.
        // Longer cells may wrap inside their column, which pdftotext interleaves with the cells beside them.
        var blocks = document.Blocks;
        var expected = blocks.OfType<Heading>().Select(h => h.Value)
            .Concat(blocks.OfType<KeyFacts>().SelectMany(k => k.Facts.Select(f => f.Value)))
            .Concat(blocks.OfType<TableBlock>().SelectMany(t => t.Rows.SelectMany(r => r.Cells)).Where(c => c.Length is > 0 and <= 12 && !c.Contains(' ', StringComparison.Ordinal)));
        foreach (var value in expected.Distinct())
        {
            Assert.Contains(Normalise(value), text);
        }
    }

    [Fact]
    public void Render_ParentReport_HoldsNameAndAttendanceFigure()
    {
        var pupil = SampleSchool.Snapshot.Pupils[3];
        var name = SampleSchool.School.Directory.Pupil(pupil.PupilId)!.DisplayName;
        var pdf = _renderer.Render(SampleSchool.Parent(pupil.PupilId));

        var text = Normalise(PdfTools.Run("pdftotext", $"-enc UTF-8 \"{Write("parent-2", pdf)}\" -").Output);

        Assert.Contains(name, text);
        Assert.Contains(Percentages.Format(pupil.YearAttendance.AttendanceRate), text);
        Assert.Contains(Percentages.Format(pupil.TermAttendance.AttendanceRate), text);
        Assert.All(pupil.Subjects, s => Assert.Contains(s.Subject, text));
        Assert.True(pdf.Length < 150 * 1024, $"a parent report is {pdf.Length} bytes");
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));

    private static string Write(string name, byte[] pdf)
    {
        var samples = Environment.GetEnvironmentVariable("PF_REPORT_SAMPLES");
        var path = string.IsNullOrEmpty(samples)
            ? TestFolders.NewPath($"pf-{name}-", ".pdf")
            : Path.Combine(Directory.CreateDirectory(samples).FullName, $"{name}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }
}
