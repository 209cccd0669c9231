using System.Globalization;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Integration.Tests.Reports;

public partial class PdfReportRendererTests
{
    /// <summary>
    /// Wherever the page ends, a short table is drawn on one page with its heading: after 1 to 40 paragraphs, never its
    /// last row alone on the next page (as the SEN groups' EHC plan row was).
    /// </summary>
    [Fact]
    public void Render_ShortTableNearThePageEnd_KeptOnOnePageWithItsHeading()
    {
        for (var before = 1; before <= 40; before++)
        {
            var path = Write(_renderer.Render(new ReportDocument("Kept together", "Spring term 2025/26", "Zoë Park Academy", new DateOnly(2026, 3, 13),
            [
                .. Enumerable.Range(1, before).Select(i => new Paragraph($"Paragraph {i} of the text before the table, long enough to take a line of its own.")),
                new Heading("Special educational needs"),
                new TableBlock([new("Group", 3), new("Pupils", 1, Align.Right)], [.. Enumerable.Range(1, 5).Select(i => new TableRow([$"Kept row {i}", "10"]))], "Groups"),
            ])));
            var pages = int.Parse(PdfTools.Info(path)["Pages"], CultureInfo.InvariantCulture);
            var holding = Enumerable.Range(1, pages).Select(p => PdfTools.Run("pdftotext", $"-enc UTF-8 -f {p} -l {p} \"{path}\" -").Output)
                .Where(text => text.Contains("Kept row", StringComparison.Ordinal)).ToList();

            var page = Assert.Single(holding);
            Assert.All(Enumerable.Range(1, 5), i => Assert.Contains($"Kept row {i}", page, StringComparison.Ordinal));
            Assert.Contains("Special educational needs", page, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Wherever a long table's page breaks fall, its last page holds at least three of its rows: after 1 to 45
    /// paragraphs, a 60-row table never ends with one or two rows under a repeated header.
    /// </summary>
    [Fact]
    public void Render_LongTableWhateverWhereItStarts_LastPageHoldsAtLeastThreeRows()
    {
        for (var before = 1; before <= 45; before += 2)
        {
            var path = Write(_renderer.Render(new ReportDocument("Long table", "Spring term 2025/26", "Zoë Park Academy", new DateOnly(2026, 3, 13),
            [
                .. Enumerable.Range(1, before).Select(i => new Paragraph($"Paragraph {i} of the text before the table, long enough to take a line of its own.")),
                new TableBlock([new("Pupil", 3), new("Sessions", 1, Align.Right)], [.. Enumerable.Range(1, 60).Select(i => new TableRow([$"Listed pupil {i:00}", "10"]))]),
            ])));
            var pages = int.Parse(PdfTools.Info(path)["Pages"], CultureInfo.InvariantCulture);
            var last = PdfTools.Run("pdftotext", $"-enc UTF-8 -f {pages} -l {pages} \"{path}\" -").Output;

            var rows = last.Split('\n').Count(l => l.Contains("Listed pupil", StringComparison.Ordinal));
            Assert.True(rows >= 3, $"after {before} paragraphs the last of {pages} pages holds {rows} rows");
            Assert.Contains("Listed pupil 60", last, StringComparison.Ordinal);
        }
    }
}
