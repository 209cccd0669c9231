using System.Runtime.CompilerServices;
using PdfSharp.Drawing;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>Tables whose rows wrap within their cells and whose header repeats on every page they reach.</summary>
/// <remarks>
/// A table no taller than <see cref="KeepTogetherShare"/> of a page is kept on one page: split, a three-row table left
/// its last row alone on the next page and a gap table its last two. Longer tables flow from where they start, and
/// their last <see cref="LastRowsTogether"/> rows go over together.
/// </remarks>
internal static class TableLayout
{
    private const double Padding = 4;

    /// <summary>The share of a page's content height up to which a whole table (caption, header and rows) is kept on one page.</summary>
    private const double KeepTogetherShare = 0.6;

    /// <summary>How many of a long table's last rows go over to a new page together, so that its last page never holds one or two rows under a repeated header.</summary>
    private const int LastRowsTogether = 3;

    // Each table is wrapped once, whether the heading before it asks its height first or it is drawn straight away.
    private static readonly ConditionalWeakTable<TableBlock, Measured> s_measured = [];

    /// <summary>What a table needs on the page it starts on: all of it when it is kept together, else its caption, the header and the first row (or two with a caption).</summary>
    public static double MinimumHeight(TableBlock table) =>
        Measure(table) is { KeptTogether: true } measured ? measured.Total
        : table.Caption is null ? RowHeight(1) * 2 : TextWrap.LineHeight(Theme.H2) + (3 * RowHeight(1));

    public static void Draw(PageFlow flow, TableBlock table)
    {
        var measured = Measure(table);
        if (measured.KeptTogether)
        {
            flow.Ensure(measured.Total);
        }

        if (measured.Caption.Count > 0)
        {
            flow.Ensure((measured.Caption.Count * TextWrap.LineHeight(Theme.H2)) + (3 * RowHeight(1)));
            foreach (var line in measured.Caption)
            {
                Theme.Text(flow.Graphics, line, Theme.H2, Theme.Ink, flow.Left, flow.Y + Theme.H2.Size);
                flow.Y += TextWrap.LineHeight(Theme.H2);
            }
        }

        flow.Ensure(RowHeight(1) * 2);
        DrawRow(flow, table.Columns, measured.Widths, measured.Header, Tone.Normal, Theme.BodyBold, isHeader: true, index: 0);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var lines = measured.Rows[i];
            var room = i > 0 && i == table.Rows.Count - LastRowsTogether ? measured.HeightFrom(i) : RowHeight(MostLines(lines));
            if (flow.Ensure(room))
            {
                DrawRow(flow, table.Columns, measured.Widths, measured.Header, Tone.Normal, Theme.BodyBold, isHeader: true, index: 0);
            }

            DrawRow(flow, table.Columns, measured.Widths, lines, table.Rows[i].Tone, Theme.Body, isHeader: false, index: i);
        }
    }

    /// <summary>The table wrapped to the page's width: the caption's lines (wrapped as a heading is, not run off the page), the header's and each row's cell lines, and the whole height.</summary>
    private static Measured Measure(TableBlock table) => s_measured.GetValue(table, static t =>
    {
        var widths = Widths(t.Columns, Theme.ContentWidth);
        var caption = t.Caption is { } text ? TextWrap.Lines(text, Theme.H2, Theme.ContentWidth) : [];
        var header = CellLines(new TableRow([.. t.Columns.Select(c => c.Header)]), widths, Theme.BodyBold);
        var rows = t.Rows.Select(r => CellLines(r, widths, Theme.Body)).ToArray();
        var total = (caption.Count * TextWrap.LineHeight(Theme.H2)) + RowHeight(MostLines(header)) + rows.Sum(r => RowHeight(MostLines(r)));
        return new Measured(widths, caption, header, rows, total, total <= KeepTogetherShare * (Theme.ContentBottom - Theme.ContentTop));
    });

    private sealed record Measured(double[] Widths, IReadOnlyList<string> Caption, IReadOnlyList<string>[] Header, IReadOnlyList<string>[][] Rows, double Total, bool KeptTogether)
    {
        /// <summary>The height of the rows from <paramref name="first"/> to the last.</summary>
        public double HeightFrom(int first) => Rows.Skip(first).Sum(r => RowHeight(MostLines(r)));
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
