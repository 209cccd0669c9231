using System.Globalization;
using System.Text;

namespace ProgressFunctions.Infrastructure.Email.Outbox;

/// <summary>The RFC 2045, 2047 and 2231 encodings a hand-written MIME message needs.</summary>
/// <remarks>
/// Every line produced is at most 76 characters and ends in CRLF, so the output is valid in any 7-bit transport
/// and in an RFC 5322 message, whose lines must not exceed 998 characters and should not exceed 78.
/// </remarks>
internal static class MimeEncoding
{
    public const string Crlf = "\r\n";
    public const int MaxLine = 76;

    // 39 bytes become 52 base64 characters, so "=?utf-8?B?" + 52 + "?=" is 64 and fits after any header name.
    private const int MaxEncodedWordBytes = 39;
    private const string Hex = "0123456789ABCDEF";

    /// <summary>Base64 in lines of 76 characters, each ending in CRLF.</summary>
    public static string Base64Lines(ReadOnlySpan<byte> data)
    {
        var text = Convert.ToBase64String(data);
        var builder = new StringBuilder(text.Length + (text.Length / MaxLine * 2) + 2);
        for (var i = 0; i < text.Length; i += MaxLine)
        {
            builder.Append(text, i, Math.Min(MaxLine, text.Length - i)).Append(Crlf);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Quoted-printable (RFC 2045 section 6.7) of the UTF-8 text, with its line breaks (LF, CR or CRLF) made CRLF
    /// hard breaks and soft breaks so that no encoded line exceeds 76 characters.
    /// </summary>
    public static string QuotedPrintable(string text)
    {
        var builder = new StringBuilder(text.Length * 11 / 10);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var column = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var last = i == bytes.Length - 1;
                // Trailing white space would be stripped in transit, so it is encoded; '=' is always encoded.
                var literal = (b is >= 33 and <= 126 && b != (byte)'=') || (b is (byte)' ' or (byte)'\t' && !last);
                var token = literal ? ((char)b).ToString() : $"={Hex[b >> 4]}{Hex[b & 0xF]}";
                // A soft break costs one '=': keep room for it unless this token ends the line.
                var room = last ? MaxLine : MaxLine - 1;
                if (column + token.Length > room)
                {
                    builder.Append('=').Append(Crlf);
                    column = 0;
                }
                builder.Append(token);
                column += token.Length;
            }
            builder.Append(Crlf);
        }
        return builder.ToString();
    }

    public static bool IsPrintableAscii(string text) => text.All(c => c is >= ' ' and <= '~');

    /// <summary>
    /// RFC 2047 B-encoded words for non-ASCII text, split between characters (never inside a UTF-8 sequence or a
    /// surrogate pair) and joined by CRLF SP folding, which a reader removes together with the white space.
    /// </summary>
    public static string EncodedWords(string text)
    {
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        var runes = text.EnumerateRunes().ToList();
        foreach (var rune in runes)
        {
            if (chunkBytes + rune.Utf8SequenceLength > MaxEncodedWordBytes)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }
            chunk.Append(rune.ToString());
            chunkBytes += rune.Utf8SequenceLength;
        }
        if (chunk.Length > 0 || words.Count == 0)
        {
            words.Add(Word(chunk.ToString()));
        }
        return string.Join(Crlf + " ", words);

        static string Word(string part) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(part))}?=";
    }

    /// <summary>An unstructured header value (Subject): plain when printable ASCII, else encoded words.</summary>
    public static string Unstructured(string text) => IsPrintableAscii(text) ? FoldAscii(text) : EncodedWords(text);

    /// <summary>A mailbox (<c>name &lt;address&gt;</c>) with the display name quoted or encoded as it needs.</summary>
    public static string Mailbox(string address, string? displayName)
    {
        if (string.IsNullOrEmpty(displayName))
        {
            return address;
        }
        var phrase = IsPrintableAscii(displayName)
            ? $"\"{displayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""
            : EncodedWords(displayName);
        var lastLine = phrase[(phrase.LastIndexOf('\n') + 1)..];
        // Header names take up to 10 characters of the first line; fold before the address when it would not fit.
        return lastLine.Length + address.Length + 3 + 10 > MaxLine ? $"{phrase}{Crlf} <{address}>" : $"{phrase} <{address}>";
    }

    /// <summary>
    /// A parameter such as <c>filename</c>: a quoted string when printable ASCII and short, else RFC 2231
    /// <c>name*0*=utf-8''%C5%81...</c> continuations of at most 60 characters each.
    /// </summary>
    public static string Parameter(string name, string value)
    {
        if (IsPrintableAscii(value) && value.Length <= 60)
        {
            return $"{name}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        }
        var encoded = new StringBuilder("utf-8''");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var plain = char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-' or (byte)'_' or (byte)'!' or (byte)'~';
            encoded.Append(plain ? ((char)b).ToString() : $"%{Hex[b >> 4]}{Hex[b & 0xF]}");
        }
        var text = encoded.ToString();
        var pieces = new List<string>();
        for (int start = 0, index = 0; start < text.Length; index++)
        {
            var length = Math.Min(60, text.Length - start);
            // Never cut a %XX triplet in two.
            var end = start + length;
            if (end < text.Length)
            {
                length -= text[end - 1] == '%' ? 1 : text[end - 2] == '%' ? 2 : 0;
            }
            pieces.Add(string.Create(CultureInfo.InvariantCulture, $"{name}*{index}*={text.Substring(start, length)}"));
            start += length;
        }
        return string.Join(";" + Crlf + " ", pieces);
    }

    /// <summary>RFC 5322 date-time in UTC, e.g. <c>Mon, 01 Jun 2026 10:00:00 +0000</c>.</summary>
    public static string Date(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    // Folds long ASCII text at spaces; a folded line starts with the space it was folded at.
    private static string FoldAscii(string text)
    {
        if (text.Length <= 60)
        {
            return text;
        }
        var builder = new StringBuilder();
        var column = 0;
        foreach (var word in text.Split(' '))
        {
            if (column > 0 && column + 1 + word.Length > 60)
            {
                builder.Append(Crlf);
                column = 0;
            }
            if (builder.Length > 0)
            {
                builder.Append(' ');
                column++;
            }
            builder.Append(word);
            column += word.Length;
        }
        return builder.ToString();
    }
}
