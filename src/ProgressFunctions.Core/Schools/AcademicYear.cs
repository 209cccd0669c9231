using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProgressFunctions.Core.Schools;

/// <summary>An English school academic year, named by the calendar year it starts in.</summary>
/// <remarks>From 1 August (inclusive) to 31 July (inclusive) of the next calendar year. Written "2025/26", in JSON too.</remarks>
[JsonConverter(typeof(AcademicYearJsonConverter))]
public readonly record struct AcademicYear(int StartYear) : IComparable<AcademicYear>
{
    public DateOnly Start => new(StartYear, 8, 1);

    public DateOnly End => new(StartYear + 1, 7, 31);

    public DateRange Range => new(Start, End);

    public AcademicYear Next => new(StartYear + 1);

    public AcademicYear Previous => new(StartYear - 1);

    public static AcademicYear Containing(DateOnly date) => new(date.Month >= 8 ? date.Year : date.Year - 1);

    /// <summary>Reads "2025/26", "2025-26" or "2025".</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AcademicYear year)
    {
        year = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Length >= 4 && int.TryParse(span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            var rest = span[4..];
            var expectedSuffix = ((start + 1) % 100).ToString("00", CultureInfo.InvariantCulture);
            if (rest.IsEmpty || (rest.Length == 3 && rest[0] is '/' or '-' && rest[1..].SequenceEqual(expectedSuffix)))
            {
                year = new AcademicYear(start);
                return true;
            }
        }

        return false;
    }

    public int CompareTo(AcademicYear other) => StartYear.CompareTo(other.StartYear);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StartYear}/{(StartYear + 1) % 100:00}");
}

/// <summary>Stores an academic year as its written form, "2025/26".</summary>
public sealed class AcademicYearJsonConverter : JsonConverter<AcademicYear>
{
    public override AcademicYear Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        AcademicYear.TryParse(reader.GetString(), out var year) ? year : throw new JsonException($"'{reader.GetString()}' is not an academic year such as 2025/26");

    public override void Write(Utf8JsonWriter writer, AcademicYear value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
