using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>Splits text into runs each drawn in a face that has its glyphs: the report's face, or DejaVu Sans for what it lacks.</summary>
/// <remarks>
/// Text is first composed (Unicode NFC), so a name typed with combining accents (e + U+0302 + U+0303) is the one
/// letter ễ, which a face can hold, rather than marks PDFsharp would set beside the letter. A character neither face
/// has stays in the report's face. Both the measuring and the drawing split alike, so a wrapped line is as wide as
/// measured.
/// </remarks>
internal static class TextRuns
{
    private static readonly ConcurrentDictionary<(string Family, XFontStyleEx Style, int CodePoint), bool> s_has = new();
    private static readonly ConcurrentDictionary<(double Size, XFontStyleEx Style), XFont> s_fallbacks = new();

    /// <summary>Whether <paramref name="font"/>'s face has a glyph for the character <paramref name="c"/> (a BMP character).</summary>
    public static bool Has(XFont font, char c) => Has(font, (int)c);

    /// <summary>The runs of <paramref name="text"/> and the font to draw each in.</summary>
    public static IEnumerable<(string Text, XFont Font)> Split(string text, XFont font)
    {
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        // Embedded whole: PDFsharp's subset loses the parts of nested composite glyphs (ễ would print as e; Fonts/README.md).
        var fallback = s_fallbacks.GetOrAdd((font.Size, font.Style & XFontStyleEx.BoldItalic),
            key => new XFont(SegoeWpFontResolver.FallbackFamily, key.Size, key.Style, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode, PdfSharp.Pdf.PdfFontEmbedding.EmbedCompleteFontFile)));
        var start = 0;
        XFont? current = null;
        for (var i = 0; i < composed.Length; i += char.IsSurrogatePair(composed, i) ? 2 : 1)
        {
            var codePoint = char.IsSurrogatePair(composed, i) ? char.ConvertToUtf32(composed, i) : composed[i];
            var face = Has(font, codePoint) || !Has(fallback, codePoint) ? font : fallback;
            if (current is not null && face != current)
            {
                yield return (composed[start..i], current);
                start = i;
            }

            current = face;
        }

        if (current is not null)
        {
            yield return (composed[start..], current);
        }
    }

    private static bool Has(XFont font, int codePoint) =>
        codePoint < ' ' || s_has.GetOrAdd((font.FontFamily.Name, font.Style & XFontStyleEx.BoldItalic, codePoint),
            static (key, f) => GlyphHelper.GlyphIndexFromCodePoint(key.CodePoint, f) != 0, font);
}
