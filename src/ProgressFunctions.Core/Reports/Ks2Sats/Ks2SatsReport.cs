using ProgressFunctions.Core.Progress.Ks2;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Ks2Sats;

/// <summary>What the KS2 SATs summary is made from: the Year 6 summary of a summer-term snapshot.</summary>
public sealed record Ks2SatsReportInput(string SchoolName, DateOnly Issued, SnapshotKey Key, Ks2Summary Summary);

/// <summary>The KS2 SATs summary: per test the share at the expected standard and at the high score, and RWM combined.</summary>
public static class Ks2SatsReport
{
    public static ReportDocument Build(Ks2SatsReportInput input)
    {
        var summary = input.Summary;
        var measures = new[] { summary.Reading, summary.Maths, summary.Gps, summary.Writing, summary.ReadingWritingMaths };
        var blocks = new List<ReportBlock>
        {
            new Paragraph($"Year 6: {Count(summary.Pupils)} pupils. Percentages are of every pupil in the cohort, including those without a score, as the DfE publishes them. "
                + "Tests: expected standard is a scaled score of 100 or more, high score 110 or more. Writing is teacher assessed: EXS or GDS meets the expected standard, GDS is greater depth."),
            new KeyFacts(
            [
                new KeyFact("Pupils", Count(summary.Pupils)),
                new KeyFact("RWM expected standard", Percent(summary.ReadingWritingMaths.ExpectedPercentage)),
                new KeyFact("RWM higher standard", Percent(summary.ReadingWritingMaths.HigherPercentage)),
            ]),
            new BarChart("Pupils meeting each standard (%)", [.. measures.Select(m => m.Measure)],
                [
                    new ChartSeries("Expected standard", [.. measures.Select(m => Bar(m.ExpectedPercentage))]),
                    new ChartSeries("High score / greater depth", [.. measures.Select(m => Bar(m.HigherPercentage))]),
                ],
                100),
            new TableBlock(
                [Column("Measure", 2.6), Number("Pupils"), Number("Expected"), Number("% expected"), Number("High score / GDS", 1.2), Number("% high score", 1.1)],
                [.. measures.Select(m => new TableRow(
                    [m.Measure, Count(m.Pupils), Count(m.Expected), Percent(m.ExpectedPercentage), Count(m.Higher), Percent(m.HigherPercentage)],
                    m == summary.ReadingWritingMaths ? Tone.Good : Tone.Normal))],
                "KS2 outcomes"),
        };
        return new ReportDocument("KS2 SATs summary", TermLabel(input.Key), input.SchoolName, input.Issued, blocks)
        {
            FileName = $"{TermSlug(input.Key)}-ks2-sats.pdf",
        };
    }

    /// <summary>The bar shows the rounded figure so its label matches the table.</summary>
    private static double? Bar(decimal? percentage) => percentage is { } p ? (double)Percentages.RoundHalfUp(p, 1) : null;
}
