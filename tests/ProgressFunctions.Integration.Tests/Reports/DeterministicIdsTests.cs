using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using ProgressFunctions.Infrastructure.Reports.Pdf;

namespace ProgressFunctions.Integration.Tests.Reports;

public partial class DeterministicIdsTests
{
    [Theory]
    [InlineData(5, "seed one")]
    [InlineData(60, "another seed\nwith lines")]
    public void Apply_PdfsharpOutput_SameBytesAsTextReplacementOfEachTag(int rows, string seed)
    {
        var raw = RawPdf(rows);

        var expected = TextReplacement(raw, seed);
        var actual = DeterministicIds.Apply((byte[])raw.Clone(), seed);

        Assert.Equal(expected, actual);
        Assert.NotEqual(raw, actual);
    }

    [Fact]
    public void Apply_TwoRawRendersOfOneDocument_SameBytes()
    {
        Assert.Equal(DeterministicIds.Apply(RawPdf(10), "s"), DeterministicIds.Apply(RawPdf(10), "s"));
    }

    [Fact]
    public void Apply_DifferentSeeds_DifferentTrailerIds()
    {
        var one = Encoding.Latin1.GetString(DeterministicIds.Apply(RawPdf(3), "one"));
        var two = Encoding.Latin1.GetString(DeterministicIds.Apply(RawPdf(3), "two"));

        Assert.NotEqual(TrailerId().Match(one).Value, TrailerId().Match(two).Value);
        Assert.Matches(TrailerId(), one);
    }

    // PDFsharp's own bytes before normalising: random subset tags, XMP uuids and trailer /ID.
    private static byte[] RawPdf(int rows)
    {
        SegoeWpFontResolver.EnsureInstalled();
        using var pdf = new PdfDocument();
        pdf.Options.CompressContentStreams = false;
        // As the renderer does: the dates are the report's, not the clock's, so two renders a second apart still match.
        pdf.Info.CreationDate = pdf.Info.ModificationDate = new DateTime(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc);
        var page = pdf.AddPage();
        using (var g = PdfSharp.Drawing.XGraphics.FromPdfPage(page))
        {
            for (int i = 0; i < rows; i++)
            {
                g.DrawString($"row {i}: £ attendance 96.4%", Theme.Body, PdfSharp.Drawing.XBrushes.Black, 40, 40 + (i * 12));
            }
        }

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    // The straightforward reading of the rule, over the file as Latin-1 text: the oracle the byte version must match.
    private static byte[] TextReplacement(byte[] pdf, string seed)
    {
        byte[] Hash(string purpose) => SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + purpose));
        string Hex(int length) => Convert.ToHexString(Hash("id"))[..Math.Min(length, 64)].PadRight(length, '0');
        var text = Encoding.Latin1.GetString(pdf);
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        var counter = 0;
        foreach (Match m in SubsetTag().Matches(text))
        {
            replacements.TryAdd(m.Groups[1].Value + "+", new string([.. Hash("tag" + counter++).Take(6).Select(b => (char)('A' + (b % 26)))]) + "+");
        }

        foreach (Match m in Uuid().Matches(text))
        {
            replacements.TryAdd(m.Value, "uuid:" + new Guid(Hash("uuid" + counter++).AsSpan(0, 16)).ToString("D"));
        }

        var output = replacements.Aggregate(text, (current, r) => current.Replace(r.Key, r.Value, StringComparison.Ordinal));
        output = TrailerId().Replace(output, m => m.Value.Replace(m.Groups[1].Value, Hex(m.Groups[1].Value.Length), StringComparison.Ordinal)
            .Replace(m.Groups[2].Value, Hex(m.Groups[2].Value.Length), StringComparison.Ordinal));
        return Encoding.Latin1.GetBytes(output);
    }

    [GeneratedRegex(@"/(?:BaseFont|FontName)/([A-Z]{6})\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"/ID\[<([0-9A-F]+)><([0-9A-F]+)>\]")]
    private static partial Regex TrailerId();
}
