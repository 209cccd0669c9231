using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProgressFunctions.Infrastructure;

/// <summary>Reads the short strings of stored documents through one cache, so that a repeated value is mostly one string in memory.</summary>
/// <remarks>
/// <para>
/// A school's documents repeat the same short texts hundreds of thousands of times: each result's pupil id, subject,
/// point, grade and scale, each attendance day's text ("2026-01-07 / \ 0 0" for most pupils on most days). Read one
/// by one they were the largest share of what loading a school allocated, and all of it stayed alive as long as the
/// school did. Writing is unchanged, so the stored bytes are the same.
/// </para>
/// <para>
/// The cache is direct-mapped and lock-free: a text's hash picks one slot, a match there is returned, anything else
/// makes a new string that takes the slot. A collision or a race only costs a string, as reading without a cache
/// always did. CommunityToolkit.HighPerformance's <c>StringPool</c> does the same job with locks and recency
/// tracking; measured on a 1,500-pupil school's progress and attendance documents it took a third more processor time
/// than no pooling at all, while this cache is no slower. Only ASCII texts of up to <see cref="MaxPooledBytes"/>
/// stored bytes are cached; others are read as they are.
/// </para>
/// </remarks>
internal sealed class StoredStrings : JsonConverter<string>
{
    /// <summary>The longest string, in UTF-8 bytes as stored (escapes included), that is looked up in the cache.</summary>
    public const int MaxPooledBytes = 64;

    private const int Slots = 1 << 16;
    private static readonly string?[] s_slots = new string?[Slots];

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadText(ref reader);

    /// <summary>The current string token (or null) through the cache, for converters that read stored documents themselves.</summary>
    public static string? ReadText(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? Cached(ref reader) : reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Cached(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledBytes)
        {
            return reader.GetString()!;
        }

        // Unescaping never lengthens a string, so its stored length bounds its text.
        Span<byte> buffer = stackalloc byte[MaxPooledBytes];
        ReadOnlySpan<byte> text = reader.ValueIsEscaped ? buffer[..reader.CopyString(buffer)] : reader.ValueSpan;
        if (!Ascii.IsValid(text))
        {
            return Encoding.UTF8.GetString(text);
        }

        var hash = new HashCode();
        hash.AddBytes(text);
        ref var slot = ref s_slots[hash.ToHashCode() & (Slots - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && Ascii.Equals(text, cached))
        {
            return cached;
        }

        var made = Encoding.ASCII.GetString(text);
        Volatile.Write(ref slot, made);
        return made;
    }
}
