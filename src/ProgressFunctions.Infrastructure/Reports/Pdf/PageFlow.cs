using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>Top-to-bottom flow over A4 pages: blocks ask for room and get a fresh page when there is none.</summary>
/// <remarks>
/// Every page's graphics stay open until the flow is disposed, so the header and footer, which need the page count,
/// are drawn into each page's one content stream rather than a second stream appended per page.
/// </remarks>
internal sealed class PageFlow(PdfDocument document) : IDisposable
{
    private readonly List<XGraphics> _pages = [];
    private XGraphics? _graphics;

    public XGraphics Graphics => _graphics ?? NewPage();

    /// <summary>The graphics of every page so far, in page order, still open for drawing.</summary>
    public IReadOnlyList<XGraphics> Pages => _pages;

    public double Y { get; set; }

    public double Left => Theme.Margin;

    public double Width => Theme.ContentWidth;

    public double Remaining => Theme.ContentBottom - Y;

    public bool AtPageTop => Y <= Theme.ContentTop + 0.01;

    /// <summary>Makes sure <paramref name="height"/> points fit below the cursor, starting a new page if not.</summary>
    /// <returns>True when a new page was started.</returns>
    public bool Ensure(double height)
    {
        if (_graphics is not null && (height <= Remaining || AtPageTop))
        {
            return false;
        }

        NewPage();
        return true;
    }

    public XGraphics NewPage()
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(Theme.PageWidth);
        page.Height = XUnit.FromPoint(Theme.PageHeight);
        _graphics = XGraphics.FromPdfPage(page);
        _pages.Add(_graphics);
        Y = Theme.ContentTop;
        return _graphics;
    }

    public void Dispose()
    {
        foreach (var page in _pages)
        {
            page.Dispose();
        }
    }
}
