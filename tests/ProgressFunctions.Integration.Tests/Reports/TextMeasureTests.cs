using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Integration.Tests.Reports;

/// <summary>The layout's own text measure against PDFsharp's, which it replaces: equal to the last bit, or wrapping would move.</summary>
public class TextMeasureTests
{
    public static TheoryData<string> Texts =>
    [
        "Attendance this year",
        "Progress report: Łukasz Nowak-Siobhán",
        "Zoë Park Academy · 12 December 2025",
        "96.6% – 1 session, £12.50 “owed” … ‘done’",
        "Αθηνά Παπαδοπούλου and Дмитрий Иванов",
        "Change since last",
        "Page 12 of 13",
        " leading and  double  spaces ",
        "",
        "中文 beyond the table",
        "emoji 🙂 beyond the table",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Width_EveryThemeFont_EqualsPdfsharpMeasureString(string text)
    {
        using var g = PageGraphics(out var pdf);
        foreach (var font in new[] { Theme.Body, Theme.BodyBold, Theme.Small, Theme.Title, Theme.H1, Theme.H2, Theme.FactValue, new XFont(SegoeWpFontResolver.Family, 13.5, XFontStyleEx.Bold) })
        {
            Assert.Equal(g.MeasureString(text, font).Width, TextMeasure.Width(text, font));
        }

        pdf.Dispose();
    }

    [Fact]
    public void TryUnits_CharacterBeyondTheTable_False()
    {
        Assert.True(TextMeasure.TryUnits("Zoë …", Theme.Body, out var units));
        Assert.True(units > 0);
        Assert.False(TextMeasure.TryUnits("中", Theme.Body, out _));
        Assert.False(TextMeasure.TryUnits("tab\there", Theme.Body, out _));
    }

    internal static XGraphics PageGraphics(out PdfDocument pdf)
    {
        SegoeWpFontResolver.EnsureInstalled();
        pdf = new PdfDocument();
        return XGraphics.FromPdfPage(pdf.AddPage());
    }
}
