using System.Globalization;
using Microsoft.IO;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>Renders a <see cref="ReportDocument"/> as an A4 PDF with PDFsharp.</summary>
/// <remarks>
/// Deterministic for unencrypted documents: dates come from <see cref="ReportDocument.Issued"/>, never the clock, so
/// the same document renders to the same bytes. An encrypted document (a <see cref="ReportDocument.Password"/> is
/// set) differs between renders, because encryption keys are salted.
/// </remarks>
public sealed class PdfReportRenderer : IReportRenderer
{
    // PDFsharp saves into a stream of unknown final size; pooled blocks keep each render from allocating (and growing)
    // a fresh large buffer, which went to the large object heap and forced full collections.
    private static readonly RecyclableMemoryStreamManager s_buffers = new();

    static PdfReportRenderer() => SegoeWpFontResolver.EnsureInstalled();

    public string ContentType => "application/pdf";

    public byte[] Render(ReportDocument document)
    {
        using var pdf = Draw(document);
        return Save(pdf, document);
    }

    /// <summary>Lays the document out on its pages; nothing is written yet.</summary>
    internal static PdfDocument Draw(ReportDocument document)
    {
        var pdf = new PdfDocument();
        SetMetadata(pdf, document);
        using (var flow = new PageFlow(pdf))
        {
            TitleBlock(flow, document);
            for (var i = 0; i < document.Blocks.Count; i++)
            {
                BlockLayout.Draw(flow, document.Blocks[i], i + 1 < document.Blocks.Count ? document.Blocks[i + 1] : null);
            }

            PageChrome.Draw(flow.Pages, document);
        }

        if (document.Password is { Length: > 0 } password)
        {
            pdf.SecuritySettings.UserPassword = password;
            pdf.SecuritySettings.OwnerPassword = password;
        }

        return pdf;
    }

    /// <summary>Writes a drawn document as the file's bytes, its random ids replaced by ones derived from the document.</summary>
    internal static byte[] Save(PdfDocument pdf, ReportDocument document)
    {
        using var stream = s_buffers.GetStream(nameof(PdfReportRenderer));
        pdf.Save(stream, closeStream: false);
        var bytes = stream.ToArray();
        return document.Password is { Length: > 0 } ? bytes : DeterministicIds.Apply(bytes, Seed(document));
    }

    private static void SetMetadata(PdfDocument pdf, ReportDocument document)
    {
        var issued = document.Issued.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        pdf.Info.Title = document.Title;
        pdf.Info.Subject = document.Subject;
        pdf.Info.Author = document.Author;
        pdf.Info.Creator = "ProgressFunctions";
        pdf.Info.CreationDate = issued;
        pdf.Info.ModificationDate = issued;
        // PDFsharp's content-stream deflate ends without a proper stream end (qpdf warns); fonts still compress.
        pdf.Options.CompressContentStreams = false;
        pdf.PageLayout = PdfPageLayout.SinglePage;
    }

    private static string Seed(ReportDocument document) =>
        string.Join('\n', [document.Title, document.Subject, document.Author, document.Issued.ToString("O", CultureInfo.InvariantCulture), .. document.Text()]);

    private static void TitleBlock(PageFlow flow, ReportDocument document)
    {
        var g = flow.Graphics;
        foreach (var line in TextWrap.Lines(document.Title, Theme.Title, flow.Width))
        {
            Theme.Text(g, line, Theme.Title, Theme.Accent, flow.Left, flow.Y + Theme.Title.Size);
            flow.Y += TextWrap.LineHeight(Theme.Title);
        }

        var issued = document.Issued.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        Theme.Text(g, $"{document.Subject} · {issued}", Theme.Body, Theme.Muted, flow.Left, flow.Y + Theme.Body.Size);
        flow.Y += TextWrap.LineHeight(Theme.Body) + Theme.BlockGap;
    }
}

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
