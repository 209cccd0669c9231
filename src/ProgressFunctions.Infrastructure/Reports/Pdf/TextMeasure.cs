using System.Collections.Concurrent;
using PdfSharp.Drawing;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>The width of a run of text in a font: the same figure as <see cref="XGraphics.MeasureString(string, XFont)"/>, without its garbage.</summary>
/// <remarks>
/// PDFsharp measures a string by summing its glyphs' advance widths in font units and scaling the sum by
/// <c>size / units per em</c>, with no kerning; each call allocates the string's code points and glyph indices, and
/// the layouts measure every word they wrap. Here each face's advance widths are read once (PDFsharp measures one
/// character at a size of one em, which is the width in font units exactly) and kept for the process, so a width is
/// an integer sum and one scaling, equal to PDFsharp's to the last bit. Characters outside the table (letterlike
/// symbols and beyond, surrogates, controls) or that the face has no glyph for fall back to PDFsharp for the whole run,
/// measured run by run in the faces <see cref="TextRuns"/> draws them in.
/// </remarks>
internal static class TextMeasure
{
    private const int TableSize = 0x2100;   // Basic Latin to Cyrillic, the scripts Segoe WP covers, and punctuation such as – ’ “ … €
    private static readonly ConcurrentDictionary<(string Family, XFontStyleEx Style), Face> s_faces = new();

    /// <summary>The width of <paramref name="text"/> in <paramref name="font"/>, in points.</summary>
    public static double Width(ReadOnlySpan<char> text, XFont font)
    {
        var face = FaceOf(font);
        return face.TryUnits(text, out var units) ? Scale(units, font, face) : Fallback(text, font);
    }

    /// <summary>The width in font units, or false when a character has no entry and the caller must measure the whole run with <see cref="Width"/>.</summary>
    public static bool TryUnits(ReadOnlySpan<char> text, XFont font, out int units) => FaceOf(font).TryUnits(text, out units);

    /// <summary>A width in font units as points at the font's size, computed as PDFsharp computes it.</summary>
    public static double Scale(int units, XFont font) => Scale(units, font, FaceOf(font));

    private static double Scale(int units, XFont font, Face face) => units * font.Size / face.UnitsPerEm;

    private static Face FaceOf(XFont font) =>
        s_faces.GetOrAdd((font.FontFamily.Name, font.Style & XFontStyleEx.BoldItalic), key => new Face(key.Family, key.Style));

    private static double Fallback(ReadOnlySpan<char> text, XFont font) => TextRuns.Split(text.ToString(), font).Sum(run => Face.Measure(run.Text, run.Font));

    private sealed class Face
    {
        private static readonly Lock s_gate = new();
        private static readonly XGraphics s_measure = XGraphics.CreateMeasureContext(new XSize(Theme.PageWidth, Theme.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        /// <summary>The face has no glyph for the character: its run is measured in the face <see cref="TextRuns"/> draws it in.</summary>
        private const int NoGlyph = -2;
        private readonly int[] _advance = new int[TableSize];
        private readonly XFont _em;

        public Face(string family, XFontStyleEx style)
        {
            var probe = new XFont(family, 10, style);
            UnitsPerEm = probe.Metrics.UnitsPerEm;
            _em = new XFont(family, UnitsPerEm, style);
            Array.Fill(_advance, -1);
        }

        public int UnitsPerEm { get; }

        public static double Measure(string text, XFont font)
        {
            // One measuring context for the process; PDFsharp's measuring is not documented as thread-safe.
            lock (s_gate)
            {
                return s_measure.MeasureString(text, font).Width;
            }
        }

        public bool TryUnits(ReadOnlySpan<char> text, out int units)
        {
            units = 0;
            foreach (var c in text)
            {
                if (c is < ' ' or >= (char)TableSize)
                {
                    return false;
                }

                var advance = _advance[c];
                if (advance == NoGlyph)
                {
                    return false;
                }

                if (advance < 0)
                {
                    // Racing threads store the same value; an int store is atomic.
                    advance = _advance[c] = TextRuns.Has(_em, c) ? (int)Math.Round(Measure(c.ToString(), _em)) : NoGlyph;
                    if (advance == NoGlyph)
                    {
                        return false;
                    }
                }

                units += advance;
            }

            return true;
        }
    }
}
