using System.Globalization;
using PdfSharp.Drawing;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>The header and footer on every page, drawn once the page count is known.</summary>
internal static class PageChrome
{
    public static void Draw(IReadOnlyList<XGraphics> pages, ReportDocument document)
    {
        var rule = Theme.Pen(Theme.Rule, 0.6);
        var title = Fit(document.Title, Theme.Small, Theme.ContentWidth / 2);
        for (var i = 0; i < pages.Count; i++)
        {
            var g = pages[i];
            var top = Theme.Margin;
            Theme.Text(g, document.Author, Theme.BodyBold, Theme.Accent, Theme.Margin, top + 10);
            Theme.Text(g, title, Theme.Small, Theme.Muted, Theme.PageWidth - Theme.Margin - TextMeasure.Width(title, Theme.Small), top + 10);
            g.DrawLine(rule, Theme.Margin, top + 18, Theme.PageWidth - Theme.Margin, top + 18);

            var bottom = Theme.PageHeight - Theme.Margin;
            g.DrawLine(rule, Theme.Margin, bottom - 14, Theme.PageWidth - Theme.Margin, bottom - 14);
            Theme.Text(g, "Confidential: for the named recipient only", Theme.Small, Theme.Muted, Theme.Margin, bottom);
            var page = string.Create(CultureInfo.InvariantCulture, $"Page {i + 1} of {pages.Count}");
            Theme.Text(g, page, Theme.Small, Theme.Muted, Theme.PageWidth - Theme.Margin - TextMeasure.Width(page, Theme.Small), bottom);
        }
    }

    private static string Fit(string text, XFont font, double width)
    {
        if (TextMeasure.Width(text, font) <= width)
        {
            return text;
        }

        // Shortened in font units, one character at a time, as PDFsharp would measure each shortened text and its ellipsis.
        if (!TextMeasure.TryUnits(text, font, out var units) || !TextMeasure.TryUnits("…", font, out var ellipsis))
        {
            return FitMeasuringStrings(text, font, width);
        }

        var length = text.Length;
        while (length > 1 && TextMeasure.Scale(units + ellipsis, font) > width)
        {
            length--;
            TextMeasure.TryUnits(text.AsSpan(length, 1), font, out var last);
            units -= last;
        }

        return string.Concat(text.AsSpan(0, length), "…");
    }

    // A title with characters outside the width table (rare): measure each shortened title as PDFsharp would.
    private static string FitMeasuringStrings(string text, XFont font, double width)
    {
        while (text.Length > 1 && TextMeasure.Width(text + "…", font) > width)
        {
            text = text[..^1];
        }

        return text + "…";
    }
}
