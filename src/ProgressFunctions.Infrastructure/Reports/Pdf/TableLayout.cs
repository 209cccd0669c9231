using PdfSharp.Drawing;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>Tables whose rows wrap within their cells and whose header repeats on every page they reach.</summary>
internal static class TableLayout
{
    private const double Padding = 4;

    /// <summary>What a table needs on the page it starts on: its caption, the header and the first row (or two with a caption).</summary>
    public static double MinimumHeight(TableBlock table) =>
        table.Caption is null ? RowHeight(1) * 2 : TextWrap.LineHeight(Theme.H2) + (3 * RowHeight(1));

    public static void Draw(PageFlow flow, TableBlock table)
    {
        var widths = Widths(table.Columns, flow.Width);
        if (table.Caption is { } caption)
        {
            // Wrapped as a heading is: a caption drawn on one line ran off the page, count and all.
            var captionLines = TextWrap.Lines(caption, Theme.H2, flow.Width);
            flow.Ensure((captionLines.Count * TextWrap.LineHeight(Theme.H2)) + (3 * RowHeight(1)));
            foreach (var line in captionLines)
            {
                Theme.Text(flow.Graphics, line, Theme.H2, Theme.Ink, flow.Left, flow.Y + Theme.H2.Size);
                flow.Y += TextWrap.LineHeight(Theme.H2);
            }
        }

        // Each row is wrapped once, for the room it asks for and for drawing; the header once for every page it repeats on.
        var header = CellLines(new TableRow([.. table.Columns.Select(c => c.Header)]), widths, Theme.BodyBold);
        flow.Ensure(RowHeight(1) * 2);
        DrawRow(flow, table.Columns, widths, header, Tone.Normal, Theme.BodyBold, isHeader: true, index: 0);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var lines = CellLines(table.Rows[i], widths, Theme.Body);
            if (flow.Ensure(RowHeight(MostLines(lines))))
            {
                DrawRow(flow, table.Columns, widths, header, Tone.Normal, Theme.BodyBold, isHeader: true, index: 0);
            }

            DrawRow(flow, table.Columns, widths, lines, table.Rows[i].Tone, Theme.Body, isHeader: false, index: i);
        }
    }

    private static void DrawRow(PageFlow flow, IReadOnlyList<TableColumn> columns, double[] widths, IReadOnlyList<string>[] lines, Tone tone, XFont font, bool isHeader, int index)
    {
        var g = flow.Graphics;
        var height = RowHeight(MostLines(lines));
        if (isHeader || index % 2 == 1 || tone != Tone.Normal)
        {
            var fill = isHeader ? Theme.Band : tone != Tone.Normal ? Theme.ToneFill(tone) : XColor.FromArgb(250, 250, 251);
            g.DrawRectangle(Theme.Brush(fill), flow.Left, flow.Y, flow.Width, height);
        }

        var colour = isHeader ? Theme.Ink : Theme.ToneColour(tone);
        var x = flow.Left;
        for (var c = 0; c < columns.Count; c++)
        {
            var y = flow.Y + Padding + font.Size;
            foreach (var line in lines[c])
            {
                var width = TextMeasure.Width(line, font);
                var left = columns[c].Align switch
                {
                    Align.Right => x + widths[c] - Padding - width,
                    Align.Centre => x + ((widths[c] - width) / 2),
                    _ => x + Padding,
                };
                Theme.Text(g, line, font, colour, left, y);
                y += TextWrap.LineHeight(font);
            }

            x += widths[c];
        }

        flow.Y += height;
        g.DrawLine(Theme.Pen(Theme.Rule, 0.4), flow.Left, flow.Y, flow.Left + flow.Width, flow.Y);
    }

    // Measured in the font the row is drawn in, so a bold header wraps where it must and stays inside its column.
    private static IReadOnlyList<string>[] CellLines(TableRow row, double[] widths, XFont font)
    {
        var lines = new IReadOnlyList<string>[row.Cells.Count];
        for (var c = 0; c < lines.Length; c++)
        {
            lines[c] = TextWrap.Lines(row.Cells[c], font, widths[c] - (2 * Padding));
        }

        return lines;
    }

    private static int MostLines(IReadOnlyList<string>[] cells)
    {
        var most = 0;
        foreach (var lines in cells)
        {
            most = Math.Max(most, lines.Count);
        }

        return most;
    }

    private static double RowHeight(int lines) => (lines * TextWrap.LineHeight(Theme.Body)) + (2 * Padding) - 2;

    private static double[] Widths(IReadOnlyList<TableColumn> columns, double total)
    {
        var weight = columns.Sum(c => c.Weight);
        return [.. columns.Select(c => total * c.Weight / weight)];
    }
}
