using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>Opens a CSV stream as text: UTF-8 (with or without BOM) unless the bytes are Windows-1252.</summary>
/// <remarks>
/// <para>
/// MIS exports from older Windows tools are often Windows-1252 ("Zoë" as the single byte 0xEB), which is invalid as
/// UTF-8. The check reads the first <see cref="SniffBytes"/> bytes: files up to that size are checked whole; a larger
/// file (an attendance file) is judged by its start, which is where names would already have shown the encoding.
/// </para>
/// <para>
/// Bytes that are not all valid UTF-8 are read as Windows-1252 only when no letter in them is written in UTF-8. A file
/// with both (a UTF-8 export with one name pasted in from another program) stays UTF-8: reading it all as
/// Windows-1252 would turn every correct "Seán" into "SeÃ¡n" and store it over the right name. Each byte that is not
/// UTF-8 is read as U+FFFD (<see cref="NotUtf8"/>), and the reader of a name refuses that row, naming its line.
/// </para>
/// </remarks>
public static class TextDecoding
{
    public const int SniffBytes = 1 << 20;

    /// <summary>What a byte that is not UTF-8 reads as in a file that is otherwise UTF-8: U+FFFD, the replacement character.</summary>
    public const char NotUtf8 = '\uFFFD';

    private static readonly Lazy<Encoding> s_windows1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    public static Encoding Windows1252 => s_windows1252.Value;

    /// <summary>A reader over <paramref name="stream"/> in the detected encoding, which the name reports.</summary>
    /// <remarks>
    /// The sample's buffer is pooled and goes back to the pool when the reader is disposed, and the reader's own buffer
    /// is kept under the large object heap's threshold: a trust's import opens ten files a school, and a fresh
    /// megabyte for each (with the reader's 128 KB of characters) was large-object churn that only full collections free.
    /// </remarks>
    public static (TextReader Reader, string EncodingName) Open(Stream stream)
    {
        var prefix = ArrayPool<byte>.Shared.Rent(SniffBytes);
        var length = 0;
        int read;
        while (length < SniffBytes && (read = stream.Read(prefix, length, SniffBytes - length)) > 0)
        {
            length += read;
        }

        var whole = length < SniffBytes;
        var encoding = Detect(prefix.AsSpan(0, length), whole);
        var combined = new PrefixedStream(prefix, length, stream);
        var name = encoding.CodePage == 1252 ? "windows-1252" : "utf-8";
        return (new StreamReader(combined, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 14), name);
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

        return Utf8.IsValid(bytes) || HasUtf8Letter(bytes) ? new UTF8Encoding(false) : Windows1252;
    }

    // Whether some character beyond ASCII is written as a valid UTF-8 sequence of two or more bytes.
    private static bool HasUtf8Letter(ReadOnlySpan<byte> bytes)
    {
        while (bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) is var at and >= 0)
        {
            bytes = bytes[at..];
            if (Rune.DecodeFromUtf8(bytes, out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                return true;
            }

            bytes = bytes[Math.Max(consumed, 1)..];
        }

        return false;
    }
}

/// <summary>A read-only stream that replays bytes already read from the start of another stream, then the rest of it.</summary>
/// <remarks>The prefix is a buffer rented from <see cref="ArrayPool{T}.Shared"/>; it is returned once replayed, or when the stream is disposed.</remarks>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : ForwardReadStream(rest)
{
    private byte[]? _prefix = prefix;
    private int _offset;

    public override int Read(Span<byte> buffer)
    {
        if (_prefix is { } bytes)
        {
            var n = Math.Min(buffer.Length, prefixLength - _offset);
            bytes.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            if (_offset == prefixLength)
            {
                ReturnPrefix();
            }

            if (n > 0)
            {
                return n;
            }
        }

        return Inner.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        ReturnPrefix();
        base.Dispose(disposing);
    }

    private void ReturnPrefix()
    {
        if (_prefix is { } bytes)
        {
            _prefix = null;
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
