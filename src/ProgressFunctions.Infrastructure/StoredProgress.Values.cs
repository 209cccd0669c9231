using System.Globalization;
using System.Text.Json;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Infrastructure;

// The property names and values of a stored progress document, read from its bytes.
internal sealed partial class StoredProgress
{
    private enum Name
    {
        Other,
        PupilId,
        Targets,
        Results,
        Behaviour,
        Homework,
        Interventions,
        Subject,
        Scale,
        Grade,
        Baseline,
        CourseStart,
        CourseEnd,
        TeachingGroup,
        Source,
        Point,
        Points,
        Date,
        Category,
        Due,
        Status,
    }

    private static Name NameOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("subject"u8) ? Name.Subject
        : reader.ValueTextEquals("scale"u8) ? Name.Scale
        : reader.ValueTextEquals("points"u8) ? Name.Points
        : reader.ValueTextEquals("due"u8) ? Name.Due
        : reader.ValueTextEquals("grade"u8) ? Name.Grade
        : reader.ValueTextEquals("point"u8) ? Name.Point
        : reader.ValueTextEquals("date"u8) ? Name.Date
        : reader.ValueTextEquals("status"u8) ? Name.Status
        : reader.ValueTextEquals("category"u8) ? Name.Category
        : reader.ValueTextEquals("pupilId"u8) ? Name.PupilId
        : reader.ValueTextEquals("targets"u8) ? Name.Targets
        : reader.ValueTextEquals("results"u8) ? Name.Results
        : reader.ValueTextEquals("behaviour"u8) ? Name.Behaviour
        : reader.ValueTextEquals("homework"u8) ? Name.Homework
        : reader.ValueTextEquals("interventions"u8) ? Name.Interventions
        : reader.ValueTextEquals("baseline"u8) ? Name.Baseline
        : reader.ValueTextEquals("courseStart"u8) ? Name.CourseStart
        : reader.ValueTextEquals("courseEnd"u8) ? Name.CourseEnd
        : reader.ValueTextEquals("teachingGroup"u8) ? Name.TeachingGroup
        : reader.ValueTextEquals("source"u8) ? Name.Source
        : Name.Other;

    private static string Text(ref Utf8JsonReader reader) =>
        StoredStrings.ReadText(ref reader) ?? throw new JsonException("A progress document has a null where text belongs.");

    private static JsonException Missing(string name) => new($"A progress document's item has no '{name}'.");

    // yyyy-MM-dd straight from the bytes when stored plainly (nearly always); anything else through the parser.
    private static DateOnly Date(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan is { Length: 10 } b
            && b[4] == '-' && b[7] == '-' && Digits(b[..4], out var year) && Digits(b.Slice(5, 2), out var month) && Digits(b.Slice(8, 2), out var day)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month) && year >= 1)
        {
            return new DateOnly(year, month, day);
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : reader.TokenType.ToString();
        return DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new JsonException($"'{text}' in a progress document is not a date (yyyy-MM-dd).");
    }

    private static bool Digits(ReadOnlySpan<byte> bytes, out int value)
    {
        value = 0;
        foreach (var b in bytes)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static HomeworkStatus Status(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("completed"u8) ? HomeworkStatus.Completed
        : reader.ValueTextEquals("late"u8) ? HomeworkStatus.Late
        : reader.ValueTextEquals("missing"u8) ? HomeworkStatus.Missing
        : throw new JsonException($"Unknown homework status '{reader.GetString()}' in a progress document.");

    private static TargetSource Source(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("school"u8) ? TargetSource.School
        : reader.ValueTextEquals("dfeTransitionMatrix"u8) ? TargetSource.DfeTransitionMatrix
        : throw new JsonException($"Unknown target source '{reader.GetString()}' in a progress document.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"A progress document has {reader.TokenType} where {token} belongs.");
        }
    }
}
