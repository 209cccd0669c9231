using System.Security.Cryptography;
using System.Text;

namespace ProgressFunctions.Infrastructure.Reports.Pdf;

/// <summary>
/// Replaces the random parts PDFsharp writes (font subset tags, XMP document and instance ids, the trailer /ID)
/// with values derived from a seed, so one report model always gives the same bytes.
/// </summary>
/// <remarks>
/// Every replacement has the same length as what it replaces, so object offsets and the cross-reference table stay
/// valid; the bytes are rewritten in place, never turned into text and back (a parent report is about 200 KB and the
/// text round trip cost three copies of it). Tags are numbered in the order they first appear, then every occurrence
/// of each is replaced. Only for unencrypted files: an encrypted file's /ID is part of its key and its metadata is encrypted.
/// </remarks>
internal static class DeterministicIds
{
    private const int TagLength = 6;
    private const int UuidLength = 36;

    /// <summary>Rewrites <paramref name="pdf"/> in place and returns it.</summary>
    public static byte[] Apply(byte[] pdf, string seed)
    {
        using var seeded = Seeded();
        seeded.AppendData(Encoding.UTF8.GetBytes(seed + "\n"));
        return Apply(pdf, seeded);
    }

    /// <summary>A hash for <see cref="Apply(byte[], IncrementalHash)"/>, to be given the seed as UTF-8 with its final newline.</summary>
    public static IncrementalHash Seeded() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Rewrites <paramref name="pdf"/> in place and returns it, given a <see cref="Seeded"/> hash that has taken the whole seed.</summary>
    /// <remarks>
    /// Every derived value is the SHA-256 of the seed followed by its purpose; the seed (a report's whole text) is hashed
    /// once and the hash cloned for each purpose, and a value is derived only for the first occurrence of each tag.
    /// </remarks>
    public static byte[] Apply(byte[] pdf, IncrementalHash seeded)
    {
        var replacements = new List<(byte[] From, byte[] To)>();
        var counter = 0;
        foreach (var at in SubsetTags(pdf))
        {
            var tag = pdf.AsSpan(at, TagLength + 1).ToArray();
            var index = counter++;
            if (!replacements.Exists(r => r.From.AsSpan().SequenceEqual(tag)))
            {
                replacements.Add((tag, Letters(seeded, index)));
            }
        }

        foreach (var at in Uuids(pdf))
        {
            var uuid = pdf.AsSpan(at, UuidLength + 5).ToArray();
            var index = counter++;
            if (!replacements.Exists(r => r.From.AsSpan().SequenceEqual(uuid)))
            {
                replacements.Add((uuid, Encoding.ASCII.GetBytes("uuid:" + new Guid(Hash(seeded, "uuid" + index).AsSpan(0, 16)).ToString("D"))));
            }
        }

        foreach (var (from, to) in replacements)
        {
            ReplaceAll(pdf, from, to);
        }

        TrailerIds(pdf, seeded);
        return pdf;
    }

    /// <summary>Where each <c>/BaseFont/XXXXXX+</c> or <c>/FontName/XXXXXX+</c> tag starts, in file order.</summary>
    private static IEnumerable<int> SubsetTags(byte[] pdf)
    {
        var names = new[] { "/BaseFont/"u8.ToArray(), "/FontName/"u8.ToArray() };
        var found = new List<int>();
        foreach (var name in names)
        {
            for (int i = pdf.AsSpan().IndexOf(name); i >= 0; i = Next(pdf, name, i + name.Length))
            {
                int tag = i + name.Length;
                if (tag + TagLength < pdf.Length && pdf[tag + TagLength] == (byte)'+' && All(pdf.AsSpan(tag, TagLength), b => b is >= (byte)'A' and <= (byte)'Z'))
                {
                    found.Add(tag);
                }
            }
        }

        found.Sort();
        return found;
    }

    /// <summary>Where each <c>uuid:</c> followed by a lower-case 8-4-4-4-12 hex uuid starts, in file order.</summary>
    private static List<int> Uuids(byte[] pdf)
    {
        var found = new List<int>();
        var prefix = "uuid:"u8.ToArray();
        for (int i = pdf.AsSpan().IndexOf(prefix); i >= 0; i = Next(pdf, prefix, i + 1))
        {
            if (i + prefix.Length + UuidLength <= pdf.Length && IsUuid(pdf.AsSpan(i + prefix.Length, UuidLength)))
            {
                found.Add(i);
                i += prefix.Length + UuidLength - 1;
            }
        }

        return found;
    }

    /// <summary>Each trailer <c>/ID[&lt;hex&gt;&lt;hex&gt;]</c>: both halves become the seed's hash, at their own lengths.</summary>
    private static void TrailerIds(byte[] pdf, IncrementalHash seeded)
    {
        var prefix = "/ID[<"u8.ToArray();
        byte[]? id = null;
        for (int i = pdf.AsSpan().IndexOf(prefix); i >= 0; i = Next(pdf, prefix, i + 1))
        {
            int first = i + prefix.Length;
            int firstLength = HexRun(pdf, first);
            int second = first + firstLength + 2;
            if (firstLength == 0 || second > pdf.Length || pdf[second - 2] != (byte)'>' || pdf[second - 1] != (byte)'<')
            {
                continue;
            }

            int secondLength = HexRun(pdf, second);
            if (secondLength == 0 || second + secondLength + 1 >= pdf.Length || pdf[second + secondLength] != (byte)'>' || pdf[second + secondLength + 1] != (byte)']')
            {
                continue;
            }

            id ??= Hash(seeded, "id");
            Hex(id, firstLength).CopyTo(pdf, first);
            Hex(id, secondLength).CopyTo(pdf, second);
        }
    }

    private static int Next(byte[] pdf, byte[] value, int from)
    {
        if (from >= pdf.Length)
        {
            return -1;
        }

        int at = pdf.AsSpan(from).IndexOf(value);
        return at < 0 ? -1 : from + at;
    }

    private static void ReplaceAll(byte[] pdf, byte[] from, byte[] to)
    {
        for (int i = pdf.AsSpan().IndexOf(from); i >= 0; i = Next(pdf, from, i + from.Length))
        {
            to.CopyTo(pdf, i);
        }
    }

    private static int HexRun(byte[] pdf, int from)
    {
        int i = from;
        while (i < pdf.Length && pdf[i] is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'F')
        {
            i++;
        }

        return i - from;
    }

    private static bool IsUuid(ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            bool ok = i is 8 or 13 or 18 or 23 ? text[i] == (byte)'-' : text[i] is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool All(ReadOnlySpan<byte> bytes, Func<byte, bool> test)
    {
        foreach (var b in bytes)
        {
            if (!test(b))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Letters(IncrementalHash seeded, int index)
    {
        var letters = new byte[TagLength + 1];
        var hash = Hash(seeded, "tag" + index);
        for (int i = 0; i < TagLength; i++)
        {
            letters[i] = (byte)('A' + (hash[i] % 26));
        }

        letters[TagLength] = (byte)'+';
        return letters;
    }

    private static byte[] Hex(byte[] hash, int length) =>
        Encoding.ASCII.GetBytes(Convert.ToHexString(hash)[..Math.Min(length, 64)].PadRight(length, '0'));

    private static byte[] Hash(IncrementalHash seeded, string purpose)
    {
        using var hash = seeded.Clone();
        hash.AppendData(Encoding.UTF8.GetBytes(purpose));
        return hash.GetHashAndReset();
    }
}
