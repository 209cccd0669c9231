using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>
/// Replaces the random parts PDFsharp writes (font subset tags, XMP document and instance ids, the trailer /ID)
/// with values derived from a seed, so one report model always gives the same bytes.
/// </summary>
/// <remarks>
/// Every replacement has the same length as what it replaces, so object offsets and the cross-reference table stay
/// valid. Only for unencrypted files: an encrypted file's /ID is part of its key and its metadata is encrypted.
/// </remarks>
internal static partial class DeterministicIds
{
    public static byte[] Apply(byte[] pdf, string seed)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        var counter = 0;
        foreach (Match m in SubsetTag().Matches(text))
        {
            replacements.TryAdd(m.Groups[1].Value + "+", Letters(seed, counter++) + "+");
        }

        foreach (Match m in Uuid().Matches(text))
        {
            replacements.TryAdd(m.Value, "uuid:" + new Guid(Hash(seed, "uuid" + counter++).AsSpan(0, 16)).ToString("D"));
        }

        var output = replacements.Aggregate(text, (current, r) => current.Replace(r.Key, r.Value, StringComparison.Ordinal));
        output = TrailerId().Replace(output, m => m.Value.Replace(m.Groups[1].Value, Hex(seed, m.Groups[1].Value.Length), StringComparison.Ordinal)
            .Replace(m.Groups[2].Value, Hex(seed, m.Groups[2].Value.Length), StringComparison.Ordinal));
        var bytes = Encoding.Latin1.GetBytes(output);
        return bytes.Length == pdf.Length ? bytes : throw new InvalidOperationException("normalising the PDF changed its length");
    }

    private static string Letters(string seed, int index) =>
        new([.. Hash(seed, "tag" + index).Take(6).Select(b => (char)('A' + (b % 26)))]);

    private static string Hex(string seed, int length) =>
        Convert.ToHexString(Hash(seed, "id"))[..Math.Min(length, 64)].PadRight(length, '0');

    private static byte[] Hash(string seed, string purpose) => SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + purpose));

    [GeneratedRegex(@"/(?:BaseFont|FontName)/([A-Z]{6})\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"/ID\[<([0-9A-F]+)><([0-9A-F]+)>\]")]
    private static partial Regex TrailerId();
}
