using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.IO;
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
        return document.Password is { Length: > 0 } ? bytes : Normalise(bytes, document);
    }

    /// <summary>Replaces PDFsharp's random ids with ones seeded by the document: its title, subject, author, issue date and text.</summary>
    /// <remarks>
    /// The seed is <see cref="DeterministicIds"/>' rule (the parts joined by newlines, UTF-8, a final newline), fed to
    /// the seed's hash part by part through one pooled buffer: the text is walked once and never joined into one string.
    /// </remarks>
    private static byte[] Normalise(byte[] bytes, ReportDocument document)
    {
        using var seeded = DeterministicIds.Seeded();
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            foreach (var part in SeedParts(document))
            {
                var most = Encoding.UTF8.GetMaxByteCount(part.Length) + 1;
                if (most > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(most);
                }

                var length = Encoding.UTF8.GetBytes(part, buffer);
                buffer[length++] = (byte)'\n';
                seeded.AppendData(buffer, 0, length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return DeterministicIds.Apply(bytes, seeded);
    }

    private static IEnumerable<string> SeedParts(ReportDocument document)
    {
        yield return document.Title;
        yield return document.Subject;
        yield return document.Author;
        yield return document.Issued.ToString("O", CultureInfo.InvariantCulture);
        foreach (var text in document.Text())
        {
            yield return text;
        }
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
