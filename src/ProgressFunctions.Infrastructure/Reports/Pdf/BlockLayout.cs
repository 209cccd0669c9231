using PdfSharp.Drawing;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>Places one block at the cursor.</summary>
internal static class BlockLayout
{
    /// <summary>Draws <paramref name="block"/>; a heading is kept on one page with the start of <paramref name="next"/>.</summary>
    public static void Draw(PageFlow flow, ReportBlock block, ReportBlock? next = null)
    {
        switch (block)
        {
            case Heading h: DrawHeading(flow, h, next); break;
            case Paragraph p: DrawParagraph(flow, p); break;
            case KeyFacts k: DrawFacts(flow, k); break;
            case TableBlock t: TableLayout.Draw(flow, t); break;
            case LineChart l: LineChartLayout.Draw(flow, l); break;
            case BarChart b: BarChartLayout.Draw(flow, b); break;
            case PageBreak: flow.NewPage(); return;
            default: throw new NotSupportedException($"no layout for {block.GetType().Name}");
        }

        flow.Y += Theme.BlockGap;
    }

    /// <summary>The room the first part of a block needs on the page it starts on: what its own layout asks for before drawing.</summary>
    private static double MinimumHeight(ReportBlock? block) => block switch
    {
        Paragraph p => 3 * TextWrap.LineHeight(p.Small ? Theme.Small : Theme.Body),
        KeyFacts => 60,
        TableBlock t => TableLayout.MinimumHeight(t),
        LineChart => LineChartLayout.MinimumHeight,
        BarChart b => BarChartLayout.MinimumHeight(b),
        _ => 60,
    };

    private static void DrawHeading(PageFlow flow, Heading heading, ReportBlock? next)
    {
        var font = heading.Level <= 1 ? Theme.H1 : Theme.H2;
        // Keep a heading on the page where what follows it starts: never left alone at the foot of a page.
        flow.Ensure(TextWrap.LineHeight(font) + 8 + Theme.BlockGap + MinimumHeight(next));
        var g = flow.Graphics;
        flow.Y += heading.Level <= 1 ? 4 : 0;
        Theme.Text(g, heading.Value, font, Theme.Accent, flow.Left, flow.Y + font.Size);
        flow.Y += TextWrap.LineHeight(font);
        if (heading.Level <= 1)
        {
            g.DrawLine(Theme.Pen(Theme.Accent, 0.8), flow.Left, flow.Y, flow.Left + flow.Width, flow.Y);
            flow.Y += 4;
        }
    }

    private static void DrawParagraph(PageFlow flow, Paragraph paragraph)
    {
        var font = paragraph.Small ? Theme.Small : Theme.Body;
        var colour = paragraph.Small ? Theme.Muted : Theme.Ink;
        foreach (var line in TextWrap.Lines(paragraph.Value, font, flow.Width))
        {
            flow.Ensure(TextWrap.LineHeight(font));
            Theme.Text(flow.Graphics, line, font, colour, flow.Left, flow.Y + font.Size);
            flow.Y += TextWrap.LineHeight(font);
        }
    }

    private static void DrawFacts(PageFlow flow, KeyFacts facts)
    {
        const double height = 52, gap = 8;
        const int perRow = 4;
        var width = (flow.Width - (gap * (perRow - 1))) / perRow;
        for (var start = 0; start < facts.Facts.Count; start += perRow)
        {
            flow.Ensure(height);
            for (var i = 0; i < perRow && start + i < facts.Facts.Count; i++)
            {
                DrawFact(flow.Graphics, facts.Facts[start + i], flow.Left + (i * (width + gap)), flow.Y, width, height);
            }

            flow.Y += height + gap;
        }
    }

    private static void DrawFact(XGraphics g, KeyFact fact, double x, double y, double width, double height)
    {
        g.DrawRoundedRectangle(Theme.Brush(Theme.ToneFill(fact.Tone)), x, y, width, height, 6, 6);
        Theme.Text(g, fact.Label, Fit(fact.Label, Theme.Small, width - 16, 6), Theme.Muted, x + 8, y + 14);
        Theme.Text(g, fact.Value, Fit(fact.Value, Theme.FactValue, width - 16, 9), Theme.ToneColour(fact.Tone), x + 8, y + 38);
    }

    /// <summary>The font, made smaller (down to <paramref name="smallest"/> points) until <paramref name="text"/> fits its box.</summary>
    private static XFont Fit(string text, XFont font, double width, double smallest)
    {
        var size = font.Size;
        while (size > smallest && TextMeasure.Width(text, font) > width)
        {
            size -= 0.5;
            font = new XFont(SegoeWpFontResolver.Family, size, font.Style);
        }

        return font;
    }
}
