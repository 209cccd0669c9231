using System.Text;
using ProgressFunctions.Core.Imports.Csv;

namespace ProgressFunctions.Core.Tests.Imports;

public class TextDecodingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(TextDecoding.SniffBytes - 1)]
    [InlineData(TextDecoding.SniffBytes)]
    [InlineData(TextDecoding.SniffBytes + 1)]
    [InlineData((3 * TextDecoding.SniffBytes) + 17)]
    public void Open_Utf8OfAnyLength_ReadsEveryCharacterAcrossTheSample(int bytes)
    {
        var text = Text(bytes);

        var (reader, name) = TextDecoding.Open(new ShortReadStream(Encoding.UTF8.GetBytes(text)));
        using (reader)
        {
            Assert.Equal("utf-8", name);
            Assert.Equal(text, reader.ReadToEnd());
        }
    }

    [Fact]
    public void Open_Windows1252_DecodesItsSingleByteLetters()
    {
        var (reader, name) = TextDecoding.Open(new MemoryStream([.. "UPN,Forename\nA1,Zo"u8, 0xEB, .. "\n"u8]));
        using (reader)
        {
            Assert.Equal("windows-1252", name);
            Assert.Equal("UPN,Forename\nA1,Zoë\n", reader.ReadToEnd());
        }
    }

    [Fact]
    public void Open_Utf8WithOneWindows1252Byte_StaysUtf8AndMarksOnlyThatByte()
    {
        var (reader, name) = TextDecoding.Open(new MemoryStream([.. "Seán,Łukasz\nZo"u8, 0xEB, .. ",Chloë\n"u8]));
        using (reader)
        {
            Assert.Equal("utf-8", name);
            Assert.Equal($"Seán,Łukasz\nZo{TextDecoding.NotUtf8},Chloë\n", reader.ReadToEnd());
        }
    }

    [Fact]
    public void Open_DisposedUnread_ClosesTheStreamItWasGiven()
    {
        var file = new MemoryStream(Encoding.UTF8.GetBytes(Text(5000)));

        var (unread, _) = TextDecoding.Open(file);
        unread.Dispose();

        Assert.False(file.CanRead);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_AfterALargerFileOnTheSameThread_ReadsOnlyItsOwnBytes(bool firstReadToEnd)
    {
        // The sample's buffer is pooled: the second file must not see what the first left in it.
        var (first, _) = TextDecoding.Open(new MemoryStream(Encoding.UTF8.GetBytes(Text(TextDecoding.SniffBytes + 10))));
        using (first)
        {
            _ = firstReadToEnd ? first.ReadToEnd() : first.ReadLine();
        }

        var (second, name) = TextDecoding.Open(new MemoryStream("UPN\nA1\n"u8.ToArray()));
        using (second)
        {
            Assert.Equal("utf-8", name);
            Assert.Equal("UPN\nA1\n", second.ReadToEnd());
        }
    }

    // Lines of ASCII with two-byte letters in each, so a cut sample can end inside a character; exactly this many bytes.
    private static string Text(int bytes)
    {
        const string Line = ",Zoë Ó Ceallaigh,2026-01-05,AM,/\n";
        var text = new StringBuilder(bytes);
        var length = 0;
        for (var line = 0; ; line++)
        {
            var next = $"A{line}{Line}";
            var size = Encoding.UTF8.GetByteCount(next);
            if (length + size > bytes)
            {
                break;
            }

            text.Append(next);
            length += size;
        }

        return text.Append('x', bytes - length).ToString();
    }

    /// <summary>Hands out at most seven bytes per read, as a network or decompressing stream may hand out less than asked.</summary>
    private sealed class ShortReadStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 7)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));
    }
}
