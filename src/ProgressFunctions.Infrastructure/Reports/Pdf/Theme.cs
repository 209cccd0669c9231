using System.Collections.Concurrent;
using PdfSharp.Drawing;
using ProgressFunctions.Core.Reports.Documents;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>The one visual style of every report: A4, generous margins, a calm palette, readable sizes.</summary>
internal static class Theme
{
    public const double PageWidth = 595.28;   // A4 in points
    public const double PageHeight = 841.89;
    public const double Margin = 48;
    public const double HeaderHeight = 34;
    public const double FooterHeight = 26;
    public const double BlockGap = 10;

    public static double ContentWidth => PageWidth - (2 * Margin);

    public static double ContentTop => Margin + HeaderHeight;

    public static double ContentBottom => PageHeight - Margin - FooterHeight;

    public static readonly XColor Ink = XColor.FromArgb(33, 37, 41);
    public static readonly XColor Muted = XColor.FromArgb(108, 117, 125);
    public static readonly XColor Rule = XColor.FromArgb(206, 212, 218);
    public static readonly XColor Band = XColor.FromArgb(241, 243, 245);
    public static readonly XColor Accent = XColor.FromArgb(31, 78, 121);
    public static readonly XColor[] Series = [XColor.FromArgb(31, 78, 121), XColor.FromArgb(230, 145, 56), XColor.FromArgb(87, 155, 82), XColor.FromArgb(150, 90, 160)];

    // Before the first font: PDFsharp resolves a face when an XFont is made, whoever touches the theme first.
    private static readonly bool s_fontsInstalled = SegoeWpFontResolver.EnsureInstalled();

    public static XFont Title { get; } = new(SegoeWpFontResolver.Family, 18, XFontStyleEx.Bold);
    public static XFont H1 { get; } = new(SegoeWpFontResolver.Family, 14, XFontStyleEx.Bold);
    public static XFont H2 { get; } = new(SegoeWpFontResolver.Family, 11.5, XFontStyleEx.Bold);
    public static XFont Body { get; } = new(SegoeWpFontResolver.Family, 10, XFontStyleEx.Regular);
    public static XFont BodyBold { get; } = new(SegoeWpFontResolver.Family, 10, XFontStyleEx.Bold);
    public static XFont Small { get; } = new(SegoeWpFontResolver.Family, 8, XFontStyleEx.Regular);
    public static XFont FactValue { get; } = new(SegoeWpFontResolver.Family, 16, XFontStyleEx.Bold);

    // Brushes and pens are only read while drawing, so one of each colour serves every page of every report.
    private static readonly ConcurrentDictionary<(byte R, byte G, byte B, double A), XSolidBrush> s_brushes = new();
    private static readonly ConcurrentDictionary<((byte R, byte G, byte B, double A) Colour, double Width, bool Dashed), XPen> s_pens = new();
    // PDFsharp's XStringFormats.Default makes a new format on every call; drawing is all left-aligned on the baseline.
    private static readonly XStringFormat s_baseLineLeft = XStringFormats.BaseLineLeft;

    public static XSolidBrush Brush(XColor colour) => s_brushes.GetOrAdd(Key(colour), static (_, c) => new XSolidBrush(c), colour);

    public static XPen Pen(XColor colour, double width, bool dashed = false) =>
        s_pens.GetOrAdd((Key(colour), width, dashed), static (key, c) => key.Dashed ? new XPen(c, key.Width) { DashStyle = XDashStyle.Dash } : new XPen(c, key.Width), colour);

    private static (byte R, byte G, byte B, double A) Key(XColor colour) => (colour.R, colour.G, colour.B, colour.A);

    /// <summary>Draws <paramref name="text"/> with its baseline starting at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <remarks>Text the font has every glyph of is drawn at once; other text run by run, each in a face that has its glyphs (<see cref="TextRuns"/>).</remarks>
    public static void Text(XGraphics g, string text, XFont font, XColor colour, double x, double y)
    {
        if (TextMeasure.TryUnits(text, font, out _))
        {
            g.DrawString(text, font, Brush(colour), new XPoint(x, y), s_baseLineLeft);
            return;
        }

        foreach (var (run, face) in TextRuns.Split(text, font))
        {
            g.DrawString(run, face, Brush(colour), new XPoint(x, y), s_baseLineLeft);
            x += TextMeasure.Width(run, face);
        }
    }

    public static XColor ToneColour(Tone tone) => tone switch
    {
        Tone.Good => XColor.FromArgb(46, 125, 50),
        Tone.Caution => XColor.FromArgb(191, 120, 0),
        Tone.Concern => XColor.FromArgb(183, 28, 28),
        _ => Ink,
    };

    public static XColor ToneFill(Tone tone) => tone switch
    {
        Tone.Good => XColor.FromArgb(232, 245, 233),
        Tone.Caution => XColor.FromArgb(255, 243, 224),
        Tone.Concern => XColor.FromArgb(255, 235, 238),
        _ => Band,
    };
}
