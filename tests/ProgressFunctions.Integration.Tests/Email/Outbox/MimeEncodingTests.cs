using System.Text;
using ProgressFunctions.Infrastructure.Email.Outbox;

namespace ProgressFunctions.Integration.Tests.Email.Outbox;

public class MimeEncodingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(10_000)]
    public void Base64Lines_AnySize_Has76CharacterCrlfLinesThatDecodeBack(int size)
    {
        var data = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();

        var encoded = MimeEncoding.Base64Lines(data);

        var lines = encoded.Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.All(lines[..^1], l => Assert.InRange(l.Length, 1, 76));
        Assert.Equal(data, Convert.FromBase64String(encoded.Replace("\r\n", "", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("Tab and space at the end \t")]
    [InlineData("Zoë's attendance = 96.4%\nŁukasz: Siobhán\r\nnext")]
    [InlineData("ŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁŁ and a long line that has to be soft-broken more than once, surely")]
    [InlineData("")]
    public void QuotedPrintable_Text_HasShortAsciiLinesAndDecodesToCrlfText(string text)
    {
        var encoded = MimeEncoding.QuotedPrintable(text);

        Assert.All(encoded.Split("\r\n"), l => Assert.True(l.Length <= 76, l));
        Assert.All(encoded, c => Assert.True(c < 128));
        Assert.DoesNotContain(encoded.Split("\r\n"), l => l.EndsWith(' ') || l.EndsWith('\t'));
        var expected = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n";
        Assert.Equal(expected, DecodeQuotedPrintable(encoded));
    }

    [Theory]
    [InlineData("Łukasz Kowalski")]
    [InlineData("Zoë")]
    [InlineData("Siobhán Ní Bhriain – progress report for the summer term 2026 👩‍🎓 with more words")]
    public void EncodedWords_NonAscii_AreShortWordsThatDecodeBack(string text)
    {
        var encoded = MimeEncoding.EncodedWords(text);

        var words = encoded.Split("\r\n ");
        Assert.All(words, w => Assert.Matches(@"^=\?utf-8\?B\?[A-Za-z0-9+/=]+\?=$", w));
        Assert.All(words, w => Assert.True(w.Length <= 75));
        Assert.Equal(text, string.Concat(words.Select(w => Encoding.UTF8.GetString(Convert.FromBase64String(w[10..^2])))));
    }

    [Theory]
    [InlineData("report.pdf", "filename=\"report.pdf\"")]
    [InlineData("Zoë.pdf", "filename*0*=utf-8''Zo%C3%AB.pdf")]
    public void Parameter_Value_QuotesAsciiAndEncodesOtherwise(string value, string expected)
    {
        Assert.Equal(expected, MimeEncoding.Parameter("filename", value));
    }

    [Fact]
    public void Parameter_LongNonAscii_SplitsIntoContinuationsWithoutCuttingEscapes()
    {
        var value = string.Concat(Enumerable.Repeat("Łukasz ", 12)) + ".pdf";

        var pieces = MimeEncoding.Parameter("filename", value).Split(";\r\n ");

        Assert.True(pieces.Length > 1);
        var joined = string.Concat(pieces.Select((p, i) => p[$"filename*{i}*=".Length..]));
        Assert.Equal(value, Uri.UnescapeDataString(joined["utf-8''".Length..]));
        Assert.All(pieces, p => Assert.DoesNotMatch("%.?$", p));
    }

    [Fact]
    public void Date_Instant_IsRfc5322InUtc()
    {
        Assert.Equal("Mon, 01 Jun 2026 11:30:05 +0000", MimeEncoding.Date(new DateTimeOffset(2026, 6, 1, 12, 30, 5, TimeSpan.FromHours(1))));
    }

    private static string DecodeQuotedPrintable(string encoded)
    {
        var bytes = new List<byte>();
        var text = encoded.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
