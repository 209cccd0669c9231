using System.Globalization;
using PdfSharp.Drawing;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>A line chart with gridlines, dashed reference lines and a legend.</summary>
/// <remarks>
/// Reference lines are named in the legend (a dashed sample in their colour), never on the plot: labels drawn at the
/// lines overlapped each other when the lines were close and hid the data line where it ran near them.
/// </remarks>
internal static class LineChartLayout
{
    public const double Height = 190;
    private const double AxisLeft = 34, AxisBottom = 22, LegendHeight = 16;

    public static double MinimumHeight => Height + TextWrap.LineHeight(Theme.H2);

    public static void Draw(PageFlow flow, LineChart chart)
    {
        flow.Ensure(MinimumHeight);
        var g = flow.Graphics;
        Theme.Text(g, chart.Title, Theme.H2, Theme.Ink, flow.Left, flow.Y + Theme.H2.Size);
        flow.Y += TextWrap.LineHeight(Theme.H2);

        var plot = new XRect(flow.Left + AxisLeft, flow.Y + 4, flow.Width - AxisLeft - 8, Height - AxisBottom - LegendHeight - 8);
        double Y(double v) => plot.Bottom - ((Math.Clamp(v, chart.YMin, chart.YMax) - chart.YMin) / (chart.YMax - chart.YMin) * plot.Height);
        double X(int i) => plot.Left + (chart.XLabels.Count <= 1 ? plot.Width / 2 : i * plot.Width / (chart.XLabels.Count - 1));

        DrawGrid(g, plot, chart, Y);
        foreach (var line in chart.Lines)
        {
            g.DrawLine(Theme.Pen(Theme.ToneColour(line.Tone), 0.9, dashed: true), plot.Left, Y(line.Value), plot.Right, Y(line.Value));
        }

        for (var s = 0; s < chart.Series.Count; s++)
        {
            DrawSeries(g, chart.Series[s], Theme.Series[s % Theme.Series.Length], X, Y);
        }

        DrawXLabels(g, plot, chart.XLabels, X);
        var x = Legend.Draw(g, flow.Left + AxisLeft, plot.Bottom + AxisBottom, chart.Series);
        foreach (var line in chart.Lines)
        {
            var colour = Theme.ToneColour(line.Tone);
            var y = plot.Bottom + AxisBottom;
            g.DrawLine(Theme.Pen(colour, 0.9, dashed: true), x, y - 3, x + 16, y - 3);
            Theme.Text(g, line.Label, Theme.Small, Theme.Ink, x + 19, y);
            x += 28 + TextMeasure.Width(line.Label, Theme.Small);
        }

        flow.Y += Height;
    }

    private static void DrawGrid(XGraphics g, XRect plot, LineChart chart, Func<double, double> y)
    {
        var step = NiceStep((chart.YMax - chart.YMin) / 5);
        var pen = Theme.Pen(Theme.Rule, 0.4);
        for (var v = Math.Ceiling(chart.YMin / step) * step; v <= chart.YMax + 1e-9; v += step)
        {
            g.DrawLine(pen, plot.Left, y(v), plot.Right, y(v));
            var label = v.ToString("0.#", CultureInfo.InvariantCulture) + chart.YUnit;
            Theme.Text(g, label, Theme.Small, Theme.Muted, plot.Left - 4 - TextMeasure.Width(label, Theme.Small), y(v) + 3);
        }

        g.DrawRectangle(Theme.Pen(Theme.Rule, 0.6), plot);
    }

    private static void DrawSeries(XGraphics g, ChartSeries series, XColor colour, Func<int, double> x, Func<double, double> y)
    {
        var pen = Theme.Pen(colour, 1.6);
        // A marker is a zero-length stroke with round caps, which PDF paints as a filled circle the pen's width across:
        // the same dot as a filled 3.6 pt ellipse, written as one short line instead of four Bézier curves.
        var marker = new XPen(colour, 3.6) { LineCap = XLineCap.Round };
        XPoint? previous = null;
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is not { } value)
            {
                previous = null;   // a gap: no line across a week without data
                continue;
            }

            var point = new XPoint(x(i), y(value));
            if (previous is { } p)
            {
                g.DrawLine(pen, p, point);
            }

            g.DrawLine(marker, point, point);
            previous = point;
        }
    }

    private static void DrawXLabels(XGraphics g, XRect plot, IReadOnlyList<string> labels, Func<int, double> x)
    {
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            var width = TextMeasure.Width(labels[i], Theme.Small);
            Theme.Text(g, labels[i], Theme.Small, Theme.Muted, x(i) - (width / 2), plot.Bottom + 11);
        }
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var n = raw / magnitude;
        return magnitude * (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10);
    }
}

/// <summary>Horizontal grouped bars, one group per category.</summary>
/// <remarks>
/// The legend sits under the title, so it is on the page where the chart starts, and again under the repeated title
/// on each page the chart continues to. A series with a <see cref="ChartSeries.Tone"/> takes that tone's colour.
/// </remarks>
internal static class BarChartLayout
{
    private const double LabelWidth = 120, BarHeight = 9, GroupGap = 7, LegendHeight = 14;

    public static double MinimumHeight(BarChart chart) =>
        TextWrap.LineHeight(Theme.H2) + 4 + LegendHeight + Math.Min(GroupHeight(chart) * chart.Categories.Count, 200) + 16;

    public static void Draw(PageFlow flow, BarChart chart)
    {
        var groupHeight = GroupHeight(chart);
        flow.Ensure(MinimumHeight(chart));
        var g = flow.Graphics;
        // Wide enough for the longest category, so no label runs under the bars ("over 50% to 90% (persistent absence)").
        var labelWidth = Math.Min(flow.Width * 0.45, Math.Max(LabelWidth, chart.Categories.Select(c => TextMeasure.Width(c, Theme.Small) + 6).DefaultIfEmpty(0).Max()));
        Title(flow, chart, labelWidth, continued: false);
        var plotLeft = flow.Left + labelWidth;
        var plotWidth = flow.Width - labelWidth - 30;
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            if (flow.Ensure(groupHeight))
            {
                Title(flow, chart, labelWidth, continued: true);
            }

            g = flow.Graphics;
            Theme.Text(g, chart.Categories[c], Theme.Small, Theme.Ink, flow.Left, flow.Y + 8);
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = chart.Series[s].Values[c] ?? 0;
                var width = chart.Max <= 0 ? 0 : Math.Clamp(value / chart.Max, 0, 1) * plotWidth;
                var y = flow.Y + (s * BarHeight);
                g.DrawRectangle(Theme.Brush(Legend.Colour(chart.Series[s], s)), plotLeft, y, Math.Max(width, 0.5), BarHeight - 2);
                Theme.Text(g, AxisLabel(chart, value), Theme.Small, Theme.Muted, plotLeft + width + 3, y + 6.5);
            }

            flow.Y += groupHeight;
        }
    }

    private static double GroupHeight(BarChart chart) => (chart.Series.Count * BarHeight) + GroupGap;

    private static void Title(PageFlow flow, BarChart chart, double labelWidth, bool continued)
    {
        var g = flow.Graphics;
        Theme.Text(g, continued ? chart.Title + " (continued)" : chart.Title, Theme.H2, Theme.Ink, flow.Left, flow.Y + Theme.H2.Size);
        flow.Y += TextWrap.LineHeight(Theme.H2) + 4;
        if (chart.Series.Count > 1)
        {
            Legend.Draw(g, flow.Left + labelWidth, flow.Y + 8, chart.Series);
            flow.Y += LegendHeight;
        }
    }

    private static string AxisLabel(BarChart chart, double value)
    {
        var index = (int)Math.Round(value);
        return chart.AxisLabels is { } labels && Math.Abs(value - index) < 1e-9 && index >= 0 && index < labels.Count
            ? labels[index]
            : value.ToString("0.#", CultureInfo.InvariantCulture);
    }
}

internal static class Legend
{
    /// <summary>Draws one swatch and name per series from (<paramref name="x"/>, <paramref name="y"/>); returns where the next entry would go.</summary>
    public static double Draw(XGraphics g, double x, double y, IEnumerable<ChartSeries> series)
    {
        var i = 0;
        foreach (var s in series)
        {
            g.DrawRectangle(Theme.Brush(Colour(s, i++)), x, y - 7, 8, 8);
            Theme.Text(g, s.Name, Theme.Small, Theme.Ink, x + 11, y);
            x += 20 + TextMeasure.Width(s.Name, Theme.Small);
        }

        return x;
    }

    /// <summary>A series' colour: its tone's when it has one (normal is the accent), otherwise by position.</summary>
    public static XColor Colour(ChartSeries series, int index) => series.Tone switch
    {
        null => Theme.Series[index % Theme.Series.Length],
        Tone.Normal => Theme.Accent,
        { } tone => Theme.ToneColour(tone),
    };
}
