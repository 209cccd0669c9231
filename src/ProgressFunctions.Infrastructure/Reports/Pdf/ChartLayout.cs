using System.Globalization;
using PdfSharp.Drawing;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>A line chart with gridlines, dashed reference lines and a legend.</summary>
internal static class LineChartLayout
{
    private const double Height = 190, AxisLeft = 34, AxisBottom = 22, LegendHeight = 16;

    public static void Draw(PageFlow flow, LineChart chart)
    {
        flow.Ensure(Height + TextWrap.LineHeight(Theme.H2));
        var g = flow.Graphics;
        g.DrawString(chart.Title, Theme.H2, new XSolidBrush(Theme.Ink), new XPoint(flow.Left, flow.Y + Theme.H2.Size));
        flow.Y += TextWrap.LineHeight(Theme.H2);

        var plot = new XRect(flow.Left + AxisLeft, flow.Y + 4, flow.Width - AxisLeft - 8, Height - AxisBottom - LegendHeight - 8);
        double Y(double v) => plot.Bottom - ((Math.Clamp(v, chart.YMin, chart.YMax) - chart.YMin) / (chart.YMax - chart.YMin) * plot.Height);
        double X(int i) => plot.Left + (chart.XLabels.Count <= 1 ? plot.Width / 2 : i * plot.Width / (chart.XLabels.Count - 1));

        DrawGrid(g, plot, chart, Y);
        foreach (var line in chart.Lines)
        {
            var pen = new XPen(Theme.ToneColour(line.Tone), 0.9) { DashStyle = XDashStyle.Dash };
            g.DrawLine(pen, plot.Left, Y(line.Value), plot.Right, Y(line.Value));
            g.DrawString(line.Label, Theme.Small, new XSolidBrush(Theme.ToneColour(line.Tone)), new XPoint(plot.Right - g.MeasureString(line.Label, Theme.Small).Width, Y(line.Value) - 2));
        }

        for (var s = 0; s < chart.Series.Count; s++)
        {
            DrawSeries(g, chart.Series[s], Theme.Series[s % Theme.Series.Length], X, Y);
        }

        DrawXLabels(g, plot, chart.XLabels, X);
        Legend.Draw(g, flow.Left + AxisLeft, plot.Bottom + AxisBottom, chart.Series.Select(s => s.Name));
        flow.Y += Height;
    }

    private static void DrawGrid(XGraphics g, XRect plot, LineChart chart, Func<double, double> y)
    {
        var step = NiceStep((chart.YMax - chart.YMin) / 5);
        var pen = new XPen(Theme.Rule, 0.4);
        for (var v = Math.Ceiling(chart.YMin / step) * step; v <= chart.YMax + 1e-9; v += step)
        {
            g.DrawLine(pen, plot.Left, y(v), plot.Right, y(v));
            var label = v.ToString("0.#", CultureInfo.InvariantCulture) + chart.YUnit;
            g.DrawString(label, Theme.Small, new XSolidBrush(Theme.Muted), new XPoint(plot.Left - 4 - g.MeasureString(label, Theme.Small).Width, y(v) + 3));
        }

        g.DrawRectangle(new XPen(Theme.Rule, 0.6), plot);
    }

    private static void DrawSeries(XGraphics g, ChartSeries series, XColor colour, Func<int, double> x, Func<double, double> y)
    {
        var pen = new XPen(colour, 1.6);
        var brush = new XSolidBrush(colour);
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

            g.DrawEllipse(brush, point.X - 1.8, point.Y - 1.8, 3.6, 3.6);
            previous = point;
        }
    }

    private static void DrawXLabels(XGraphics g, XRect plot, IReadOnlyList<string> labels, Func<int, double> x)
    {
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            var width = g.MeasureString(labels[i], Theme.Small).Width;
            g.DrawString(labels[i], Theme.Small, new XSolidBrush(Theme.Muted), new XPoint(x(i) - (width / 2), plot.Bottom + 11));
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
internal static class BarChartLayout
{
    private const double LabelWidth = 120, BarHeight = 9, GroupGap = 7;

    public static void Draw(PageFlow flow, BarChart chart)
    {
        var groupHeight = (chart.Series.Count * BarHeight) + GroupGap;
        flow.Ensure(TextWrap.LineHeight(Theme.H2) + Math.Min(groupHeight * chart.Categories.Count, 200) + 30);
        var g = flow.Graphics;
        g.DrawString(chart.Title, Theme.H2, new XSolidBrush(Theme.Ink), new XPoint(flow.Left, flow.Y + Theme.H2.Size));
        flow.Y += TextWrap.LineHeight(Theme.H2) + 4;
        var plotLeft = flow.Left + LabelWidth;
        var plotWidth = flow.Width - LabelWidth - 30;
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            flow.Ensure(groupHeight);
            g = flow.Graphics;
            g.DrawString(chart.Categories[c], Theme.Small, new XSolidBrush(Theme.Ink), new XPoint(flow.Left, flow.Y + 8));
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = chart.Series[s].Values[c] ?? 0;
                var width = chart.Max <= 0 ? 0 : Math.Clamp(value / chart.Max, 0, 1) * plotWidth;
                var y = flow.Y + (s * BarHeight);
                g.DrawRectangle(new XSolidBrush(Theme.Series[s % Theme.Series.Length]), plotLeft, y, Math.Max(width, 0.5), BarHeight - 2);
                var label = AxisLabel(chart, value);
                g.DrawString(label, Theme.Small, new XSolidBrush(Theme.Muted), new XPoint(plotLeft + width + 3, y + 6.5));
            }

            flow.Y += groupHeight;
        }

        Legend.Draw(g, plotLeft, flow.Y + 8, chart.Series.Select(s => s.Name));
        flow.Y += 14;
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
    public static void Draw(XGraphics g, double x, double y, IEnumerable<string> names)
    {
        var i = 0;
        foreach (var name in names)
        {
            g.DrawRectangle(new XSolidBrush(Theme.Series[i++ % Theme.Series.Length]), x, y - 7, 8, 8);
            g.DrawString(name, Theme.Small, new XSolidBrush(Theme.Ink), new XPoint(x + 11, y));
            x += 20 + g.MeasureString(name, Theme.Small).Width;
        }
    }
}
