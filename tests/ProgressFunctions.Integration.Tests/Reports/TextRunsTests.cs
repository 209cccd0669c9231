using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Integration.Tests.Reports;

public class TextRunsTests
{
    [Theory]
    [InlineData("Oakfield Academy", "Segoe WP:Oakfield Academy")]
    [InlineData("Ștefan Nguyễn", "Segoe WP:Ștefan Nguy|DejaVu Sans:ễ|Segoe WP:n")]
    [InlineData("Nguye\u0302\u0303n", "Segoe WP:Nguy|DejaVu Sans:ễ|Segoe WP:n")]
    [InlineData("Adéṣọlá", "Segoe WP:Adé|DejaVu Sans:ṣọ|Segoe WP:lá")]
    [InlineData("", "")]
    public void Split_Text_EachRunInAFaceThatHasItsGlyphs(string text, string expected)
    {
        var runs = TextRuns.Split(text, Theme.Body).ToList();

        Assert.Equal(expected, string.Join("|", runs.Select(r => $"{r.Font.FontFamily.Name}:{r.Text}")));
        Assert.All(runs, r => Assert.All(r.Text, c => Assert.True(TextRuns.Has(r.Font, c), $"{r.Font.FontFamily.Name} has no glyph for U+{(int)c:X4}")));
    }

    [Fact]
    public void Width_TextWithFallbackRuns_IsTheSumOfItsRunsWidths()
    {
        var runs = TextRuns.Split("Trần Đức", Theme.Body).ToList();

        Assert.True(runs.Count > 1);
        Assert.Equal(runs.Sum(r => TextMeasure.Width(r.Text, r.Font)), TextMeasure.Width("Trần Đức", Theme.Body), 6);
    }
}
