using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Infrastructure.Reports.Pdf;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Reports;

public partial class PdfReportRendererTests
{
    private readonly PdfReportRenderer _renderer = new();

    [Fact]
    public void Render_SameDocument_SameBytes()
    {
        var document = SampleDocuments.Long(rows: 20);

        Assert.Equal(_renderer.Render(document), _renderer.Render(document));
    }

    [Fact]
    public void Render_Unencrypted_IdsSeededByTitleSubjectAuthorIssueDateAndText()
    {
        var document = SampleDocuments.Long(rows: 8);
        using var drawn = PdfReportRenderer.Draw(document);
        using var raw = new MemoryStream();
        drawn.Save(raw, closeStream: false);
        var seed = string.Join('\n', [document.Title, document.Subject, document.Author, document.Issued.ToString("O", System.Globalization.CultureInfo.InvariantCulture), .. document.Text()]);

        Assert.Equal(DeterministicIds.Apply(raw.ToArray(), seed), _renderer.Render(document));
    }

    [Fact]
    public void Render_OtherDocumentsRenderedBetween_SameBytes()
    {
        var document = SampleDocuments.Long(rows: 12);
        var first = _renderer.Render(document);

        _renderer.Render(Plain("Another report", "Only ASCII text here"));
        _renderer.Render(SampleDocuments.Long(rows: 40) with { Title = "Progress report: Αθηνά Дмитрий" });

        Assert.Equal(first, _renderer.Render(document));
    }

    [Fact]
    public void Render_AfterAnotherDocument_EmbedsItsOwnFontSubsetsAndHoldsItsText()
    {
        _renderer.Render(Plain("Plain report", "Nothing but plain letters"));
        var path = Write(_renderer.Render(Plain("Łukasz Nowak-Siobhán", "Zoë Ørsted – “quoted” … Αθηνά Дмитрий")));

        var fonts = PdfTools.Run("pdffonts", $"\"{path}\"").Output.Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(fonts);
        // Each font is embedded and subset: "emb sub" are the two "yes" columns after the type and encoding.
        Assert.All(fonts, line => Assert.Matches(@"\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+$", line));
        var text = PdfTools.Run("pdftotext", $"-enc UTF-8 \"{path}\" -").Output;
        Assert.Contains("Łukasz Nowak-Siobhán", text);
        Assert.Contains("Zoë Ørsted – “quoted” … Αθηνά Дмитрий", text);
    }

    [Theory]
    [InlineData("Nguyễn Thị Ánh", "Nguyễn Thị Ánh")]
    [InlineData("Trần Đức", "Trần Đức")]
    [InlineData("Adéṣọlá Ɔsei", "Adéṣọlá Ɔsei")]
    [InlineData("Nguye\u0302\u0303n", "Nguyễn")]   // typed with combining accents: composed before it is drawn
    public void Render_NameSegoeWpHasNoGlyphsFor_DrawnInTheFallbackFaceAndReadBack(string escaped, string expected)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var path = Write(_renderer.Render(Plain($"Progress report: {name}", $"{name} has made good progress this term.")));

        var fonts = PdfTools.Run("pdffonts", $"\"{path}\"").Output;
        var text = PdfTools.Run("pdftotext", $"-enc UTF-8 \"{path}\" -").Output;
        Assert.Contains("DejaVu Sans", fonts, StringComparison.Ordinal);
        Assert.Contains($"Progress report: {expected}", text, StringComparison.Ordinal);
        Assert.Contains($"{expected} has made good progress this term.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NamesSegoeWpHas_EmbedsNoFallbackFace()
    {
        var path = Write(_renderer.Render(Plain("Progress report: Ștefan Țurcanu", "Łukasz, Zoë, Şükrü Ağaoğlu, Dvořák, Đorđe and Þór")));

        Assert.DoesNotContain("DejaVu", PdfTools.Run("pdffonts", $"\"{path}\"").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EveryPage_OneContentStreamWithItsHeaderAndFooter()
    {
        var path = Write(_renderer.Render(SampleDocuments.Long(rows: 80)));

        var pages = int.Parse(PdfTools.Info(path)["Pages"], System.Globalization.CultureInfo.InvariantCulture);
        var streams = PdfTools.Run("qpdf", $"--show-pages \"{path}\"").Output.Split('\n').Count(l => l.StartsWith("    ", StringComparison.Ordinal));
        Assert.Equal(pages, streams);
        for (var page = 1; page <= pages; page++)
        {
            var text = PdfTools.Run("pdftotext", $"-enc UTF-8 -f {page} -l {page} \"{path}\" -").Output;
            Assert.Contains("Zoë Park Academy", text);
            Assert.Contains("Confidential: for the named recipient only", text);
            Assert.Contains($"Page {page} of {pages}", text);
        }
    }

    [Fact]
    public void Render_LineChart_OneRoundDotPerWeekWithData()
    {
        var document = SampleDocuments.Long(rows: 3);
        var weeks = document.Blocks.OfType<LineChart>().Single().Series[0].Values.Count(v => v is not null);

        var content = Encoding.Latin1.GetString(_renderer.Render(document));

        // A dot is a zero-length stroke ("x y m x y l S") drawn with round caps ("1 J").
        Assert.Equal(weeks, Dot().Matches(content).Count);
        Assert.Contains("1 J", content);
    }

    [Fact]
    public void Render_LongTable_PassesQpdfCheckAndHoldsTheText()
    {
        var path = Write(_renderer.Render(SampleDocuments.Long(rows: 80)));

        var check = PdfTools.Run("qpdf", $"--check \"{path}\"");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("No syntax or stream encoding errors", check.Output);

        var text = PdfTools.Run("pdftotext", $"-enc UTF-8 \"{path}\" -").Output;
        Assert.Contains("Łukasz Nowak-Siobhán", text);
        Assert.Contains("Zoë Park Academy", text);
        Assert.Contains("93.4%", text);
        Assert.Contains("Subject 80", text);
        var pages = int.Parse(PdfTools.Info(path)["Pages"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages >= 3);
        Assert.Contains($"Page {pages} of {pages}", text);
        // The header row is repeated on every page the table reaches.
        Assert.True(text.Split("Status").Length - 1 >= pages - 1);
    }

    [Fact]
    public void Render_Metadata_TitleSubjectAuthorAndIssuedDate()
    {
        var info = PdfTools.Info(Write(_renderer.Render(SampleDocuments.Long(rows: 5))));

        Assert.Equal("Progress report: Łukasz Nowak-Siobhán", info["Title"]);
        Assert.Equal("Autumn term 2025/26", info["Subject"]);
        Assert.Equal("Zoë Park Academy", info["Author"]);
        Assert.Contains("2025", info["CreationDate"]);
        Assert.Contains("Dec 12", info["CreationDate"]);
    }

    [Fact]
    public void Render_WithPassword_IsEncryptedAndOpensWithIt()
    {
        var path = Write(_renderer.Render(SampleDocuments.Long(rows: 5) with { Password = "2013-04-07" }));

        Assert.NotEqual(0, PdfTools.Run("pdftotext", $"\"{path}\" -").ExitCode);
        var text = PdfTools.Run("pdftotext", $"-upw 2013-04-07 -enc UTF-8 \"{path}\" -");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Łukasz", text.Output);
        Assert.Contains("User password = 2013-04-07", PdfTools.Run("qpdf", $"--show-encryption --password=2013-04-07 \"{path}\"").Output);
    }

    /// <summary>A bar chart's longest category label ends before its bar begins (the bar's value is drawn where the bar starts when it is 0).</summary>
    [Fact]
    public void Render_BarChartWithALongCategory_LabelEndsBeforeTheBars()
    {
        var chart = new BarChart("Pupils by attendance band", ["over 50% to 90% (persistent absence)", "97% and above"], [new ChartSeries("Pupils", [0, 22])], 22);
        var path = Write(_renderer.Render(new ReportDocument("Bands", "Spring term 2025/26", "Zoë Park Academy", new DateOnly(2026, 3, 13), [chart])));

        var words = Word().Matches(PdfTools.Run("pdftotext", $"-bbox -enc UTF-8 \"{path}\" -").Output)
            .Select(m => (Text: m.Groups[5].Value, XMin: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), XMax: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();
        var labelEnd = words.Single(w => w.Text == "absence)");
        var zero = words.Single(w => w.Text == "0" && Math.Abs(w.Y - labelEnd.Y) < 3);
        Assert.True(labelEnd.XMax < zero.XMin, $"the label ends at {labelEnd.XMax}, the bar starts at {zero.XMin}");
    }

    [GeneratedRegex(@"<word xMin=""([\d.]+)"" yMin=""([\d.]+)"" xMax=""([\d.]+)"" yMax=""([\d.]+)"">([^<]*)</word>")]
    private static partial Regex Word();

    private static ReportDocument Plain(string title, string text) =>
        new(title, "Spring term 2025/26", "Zoë Park Academy", new DateOnly(2026, 3, 13), [new Paragraph(text)]);

    [GeneratedRegex(@"(?m)^(\S+) (\S+) m\n\1 \2 l\nS$")]
    private static partial Regex Dot();

    private static string Write(byte[] pdf)
    {
        var path = TestFolders.NewPath("pf-", ".pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }
}

/// <summary>The poppler and qpdf command-line tools, an independent reader of what the renderer writes.</summary>
internal static class PdfTools
{
    public static (int ExitCode, string Output) Run(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    public static Dictionary<string, string> Info(string path) =>
        Run("pdfinfo", $"-enc UTF-8 \"{path}\"").Output.Split('\n')
            .Where(l => l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
}
