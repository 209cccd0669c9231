using PdfSharp.Fonts;
using PdfSharp.WPFonts;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>
/// Resolves every font the reports use to the Segoe WP faces that ship inside the PDFsharp package, so rendering
/// needs no fonts installed on the host (Linux containers and Functions hosts have none).
/// </summary>
/// <remarks>Segoe WP covers Latin, Latin Extended-A, Greek and Cyrillic: names such as Łukasz, Zoë and Siobhán render.</remarks>
internal sealed class SegoeWpFontResolver : IFontResolver
{
    public const string Family = "Segoe WP";
    private const string Regular = "SegoeWP";
    private const string Bold = "SegoeWP-Bold";
    private const string Semibold = "SegoeWP-Semibold";
    private static readonly Lock s_gate = new();
    private static bool s_installed;

    /// <summary>Installs the resolver process-wide once; PDFsharp allows only one global resolver.</summary>
    public static void EnsureInstalled()
    {
        lock (s_gate)
        {
            if (s_installed)
            {
                return;
            }

            GlobalFontSettings.FontResolver ??= new SegoeWpFontResolver();
            s_installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Any family falls back to Segoe WP; italics are simulated, there is no italic face.
        new(bold ? Bold : familyName.EndsWith("Semibold", StringComparison.Ordinal) ? Semibold : Regular, false, italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        Bold => FontDataHelper.SegoeWPBold,
        Semibold => FontDataHelper.SegoeWPSemibold,
        _ => FontDataHelper.SegoeWP,
    };
}
