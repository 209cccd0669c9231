using System.Text;
using System.Text.Unicode;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>Opens a CSV stream as text: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252.</summary>
/// <remarks>
/// MIS exports from older Windows tools are often Windows-1252 ("Zoë" as the single byte 0xEB), which is invalid as
/// UTF-8. The check reads the first <see cref="SniffBytes"/> bytes: files up to that size are checked whole; a larger
/// file (an attendance file) is judged by its start, which is where names would already have shown the encoding.
/// </remarks>
public static class TextDecoding
{
    public const int SniffBytes = 1 << 20;

    private static readonly Lazy<Encoding> s_windows1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    public static Encoding Windows1252 => s_windows1252.Value;

    /// <summary>A reader over <paramref name="stream"/> in the detected encoding, which the name reports.</summary>
    public static (TextReader Reader, string EncodingName) Open(Stream stream)
    {
        var prefix = new byte[SniffBytes];
        var length = 0;
        int read;
        while (length < prefix.Length && (read = stream.Read(prefix, length, prefix.Length - length)) > 0)
        {
            length += read;
        }

        var whole = length < prefix.Length;
        var encoding = Detect(prefix.AsSpan(0, length), whole);
        var combined = new PrefixedStream(prefix, length, stream);
        var name = encoding.CodePage == 1252 ? "windows-1252" : "utf-8";
        return (new StreamReader(combined, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), name);
    }

    internal static Encoding Detect(ReadOnlySpan<byte> bytes, bool whole)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8;
        }

        if (!whole)
        {
            // Do not judge a multi-byte sequence cut off at the end of the sample.
            var cut = bytes.Length;
            while (cut > 0 && bytes.Length - cut < 4 && bytes[cut - 1] >= 0x80)
            {
                cut--;
            }

            bytes = bytes[..cut];
        }

        return Utf8.IsValid(bytes) ? new UTF8Encoding(false) : Windows1252;
    }
}

/// <summary>A read-only stream that replays bytes already read from the start of another stream, then the rest of it.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : ForwardReadStream(rest)
{
    private int _offset;

    public override int Read(Span<byte> buffer)
    {
        if (_offset < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _offset);
            prefix.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        return Inner.Read(buffer);
    }
}
