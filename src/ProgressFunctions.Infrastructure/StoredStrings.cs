using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityToolkit.HighPerformance.Buffers;

namespace ProgressFunctions.Infrastructure;

/// <summary>Reads the short strings of stored documents through one pool, so that a repeated value is one string in memory.</summary>
/// <remarks>
/// A school's documents repeat the same short texts hundreds of thousands of times: each result's pupil id, subject,
/// point, grade and scale, each attendance day's text ("2026-01-07 / \ 0 0" for most pupils on most days). Read one
/// by one they were the largest share of what loading a school allocated, and all of it stayed alive as long as the
/// school did. Strings longer than <see cref="MaxPooledBytes"/> are read as they are. Writing is unchanged, so the
/// stored bytes are the same.
/// </remarks>
internal sealed class StoredStrings : JsonConverter<string>
{
    /// <summary>The longest string, in UTF-8 bytes as stored (escapes included), that is looked up in the pool.</summary>
    public const int MaxPooledBytes = 64;

    // Sized for a trust's distinct short values at once (ids, subjects, grades, a year of day texts): the pool keeps
    // the most recently used and drops the rest, so a miss costs one string, as before.
    private static readonly StringPool s_pool = new(1 << 16);

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Pooled(ref reader) : reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Pooled(ref Utf8JsonReader reader)
    {
        var stored = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (stored > MaxPooledBytes)
        {
            return reader.GetString()!;
        }

        // Unescaping never lengthens a string, so its stored length bounds its text.
        Span<byte> text = stackalloc byte[MaxPooledBytes];
        var length = reader.CopyString(text);
        return s_pool.GetOrAdd(text[..length], Encoding.UTF8);
    }
}
