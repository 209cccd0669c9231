using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Batches;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Tests.Reports.Batches;

public class BatchPreviewTests
{
    /// <summary>A batch prepared in time goes on its day unless held; one held as it was prepared says why, and only release sends it.</summary>
    [Theory]
    [InlineData("2026-03-13", "2026-03-20", "They are sent on Tuesday 24 March 2026 unless someone holds them", "Tuesday 24 March 2026", "To stop it while you check something")]
    [InlineData("2025-09-22", "2025-12-03", "but held: its figures end on 22 September 2025, 72 days before it was prepared", "only if released", "It is held: nothing goes until the data manager releases it with: release-it")]
    public void Build_OnTimeOrLate_SaysWhenItGoesAndHowOldTheFiguresAre(string dataTo, string preparedOn, string says, string goesOn, string toDo)
    {
        var (to, on) = (DateOnly.Parse(dataTo, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(preparedOn, System.Globalization.CultureInfo.InvariantCulture));
        var late = BatchRules.LateReason(BatchKind.ParentReports, to, on);
        var batch = new Batch("parents-x", BatchKind.ParentReports, "x", to, on, new DateOnly(2026, 3, 24), late is null ? BatchState.Prepared : BatchState.Held, 10, 9, 0) { HeldReason = late };

        var document = BatchPreview.Build(new BatchPreviewInput("Oak", batch, "parent reports", [], id => id, "hold-it", "release-it"));

        var paragraphs = document.Blocks.OfType<Paragraph>().Select(p => p.Value).ToList();
        Assert.Contains(says, paragraphs[0], StringComparison.Ordinal);
        var facts = document.Blocks.OfType<KeyFacts>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal((goesOn, ReportFormat.Date(to)), (facts["Goes on"], facts["Figures up to"]));
        Assert.Contains(paragraphs, p => p.StartsWith(toDo, StringComparison.Ordinal));
    }
}
