using PdfSharp.Fonts;
using PdfSharp.WPFonts;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>
/// Resolves every font the reports use to the Segoe WP faces that ship inside the PDFsharp package, so rendering
/// needs no fonts installed on the host (Linux containers and Functions hosts have none).
/// </summary>
/// <remarks>
/// Segoe WP covers Latin, Latin Extended-A, Greek and Cyrillic: names such as Łukasz, Zoë, Ștefan and Siobhán render.
/// The characters it lacks (Vietnamese ễ, Yoruba ọ and ṣ, Ɔ) are drawn in DejaVu Sans, embedded in this assembly
/// (<see cref="FallbackFamily"/>, <see cref="TextRuns"/>).
/// </remarks>
internal sealed class SegoeWpFontResolver : IFontResolver
{
    public const string Family = "Segoe WP";
    public const string FallbackFamily = "DejaVu Sans";
    private const string Regular = "SegoeWP";
    private const string Bold = "SegoeWP-Bold";
    private const string Semibold = "SegoeWP-Semibold";
    private static readonly Lock s_gate = new();
    private static bool s_installed;

    /// <summary>Installs the resolver process-wide once; PDFsharp allows only one global resolver.</summary>
    /// <returns>True, so that a static field can install it before the fonts beside it are made.</returns>
    public static bool EnsureInstalled()
    {
        lock (s_gate)
        {
            if (!s_installed)
            {
                GlobalFontSettings.FontResolver ??= new SegoeWpFontResolver();
                s_installed = true;
            }

            return true;
        }
    }

    private const string Fallback = "DejaVuSans";
    private const string FallbackBold = "DejaVuSans-Bold";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Any other family falls back to Segoe WP; italics are simulated, there is no italic face.
        familyName == FallbackFamily ? new(bold ? FallbackBold : Fallback, false, italic)
        : new(bold ? Bold : familyName.EndsWith("Semibold", StringComparison.Ordinal) ? Semibold : Regular, false, italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        Bold => FontDataHelper.SegoeWPBold,
        Semibold => FontDataHelper.SegoeWPSemibold,
        Fallback or FallbackBold => Embedded(faceName),
        _ => FontDataHelper.SegoeWP,
    };

    private static byte[] Embedded(string face)
    {
        using var stream = typeof(SegoeWpFontResolver).Assembly.GetManifestResourceStream($"Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"the font Fonts.{face}.ttf is not embedded in {typeof(SegoeWpFontResolver).Assembly.GetName().Name}");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
