using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Infrastructure;

/// <summary>A pupil's progress document as stored: each list without the pupil id its items repeat, results and homework grouped by subject.</summary>
/// <remarks>
/// <para>
/// The progress document is most of what a school stores and reads back: written as the records are (every result an
/// object naming its pupil, subject, scale, point, date and grade) it took 9.4 KB a pupil in March, and Cosmos DB
/// charges by size. Stored as
/// <code>
/// { "pupilId": "p-1",
///   "targets": [ { "subject": "Art", "scale": "GCSE", "grade": "7", "baseline": "5", "courseStart": "2024-09-01", "courseEnd": "2026-07-31", "teachingGroup": "10A/Ar", "source": "dfeTransitionMatrix" } ],
///   "results": [ { "subject": "Art", "scale": "GCSE", "points": [ ["2025/26 Autumn 1", "2025-10-20", "6"], ... ] } ],
///   "behaviour": [ ["2026-03-20", 2, "Merit"] ],
///   "homework": [ { "subject": "English", "due": [ ["2026-03-20", "completed"] ] } ],
///   "interventions": [ ... as the records are ... ] }
/// </code>
/// it takes 5.1 KB (a synthetic secondary's average in March), and a trust's import spends a fifth less time. A group holds a run of
/// consecutive items of one subject (and scale), so the lists read back in the order they were written: the import
/// compares what it would write with what is stored item by item. <c>source</c> is left out for a school's own target.
/// </para>
/// <para>
/// Documents written before this form (every item an object of the record's properties, with its pupil id) still read:
/// each item is told apart by its shape (an object with <c>points</c> or <c>due</c> as a list is a group, an array is a
/// behaviour event), and every item takes the document's pupil id. Interventions keep the records' own form, which
/// <see cref="PupilInterventions"/> reads without the rest. A version older than this one refuses the new form with
/// an error (a result without its required properties) rather than reading it as a pupil with no results.
/// </para>
/// </remarks>
internal sealed partial class StoredProgress : JsonConverter<PupilProgress>
{
    private const string DateFormat = "yyyy-MM-dd";

    public override void Write(Utf8JsonWriter writer, PupilProgress value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("pupilId", value.PupilId);
        writer.WriteStartArray("targets");
        foreach (var target in value.Targets)
        {
            WriteTarget(writer, target);
        }

        writer.WriteEndArray();
        WriteResults(writer, value.Results);
        writer.WriteStartArray("behaviour");
        foreach (var item in value.Behaviour)
        {
            writer.WriteStartArray();
            WriteDate(writer, item.Date);
            writer.WriteNumberValue(item.Points);
            // A null category (never imported, but possible in code) is read back as the empty one, as the records' own form left it out.
            writer.WriteStringValue(item.Category ?? "");
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        WriteHomework(writer, value.Homework);
        if (value.Interventions is { } interventions)
        {
            writer.WritePropertyName("interventions");
            JsonSerializer.Serialize(writer, interventions, options);
        }

        writer.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter writer, Target target)
    {
        writer.WriteStartObject();
        writer.WriteString("subject", target.Subject);
        writer.WriteString("scale", target.Scale);
        writer.WriteString("grade", target.Grade);
        WriteIfSet(writer, "baseline", target.Baseline);
        WriteIfSet(writer, "courseStart", target.CourseStart?.ToString(DateFormat, CultureInfo.InvariantCulture));
        WriteIfSet(writer, "courseEnd", target.CourseEnd?.ToString(DateFormat, CultureInfo.InvariantCulture));
        WriteIfSet(writer, "teachingGroup", target.TeachingGroup);
        if (target.Source != TargetSource.School)
        {
            writer.WriteString("source", SourceName(target.Source));
        }

        writer.WriteEndObject();
    }

    private static void WriteResults(Utf8JsonWriter writer, IReadOnlyList<AssessmentResult> results)
    {
        writer.WriteStartArray("results");
        for (var i = 0; i < results.Count;)
        {
            var first = results[i];
            writer.WriteStartObject();
            writer.WriteString("subject", first.Subject);
            writer.WriteString("scale", first.Scale);
            writer.WriteStartArray("points");
            for (; i < results.Count && results[i].Subject == first.Subject && results[i].Scale == first.Scale; i++)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(results[i].Point);
                WriteDate(writer, results[i].Date);
                writer.WriteStringValue(results[i].Grade);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteHomework(Utf8JsonWriter writer, IReadOnlyList<HomeworkRecord> homework)
    {
        writer.WriteStartArray("homework");
        for (var i = 0; i < homework.Count;)
        {
            var subject = homework[i].Subject;
            writer.WriteStartObject();
            writer.WriteString("subject", subject);
            writer.WriteStartArray("due");
            for (; i < homework.Count && homework[i].Subject == subject; i++)
            {
                writer.WriteStartArray();
                WriteDate(writer, homework[i].Due);
                writer.WriteStringValue(StatusName(homework[i].Status));
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // "O" is DateFormat's yyyy-MM-dd for a DateOnly, and has a fast path straight to UTF-8 where a custom pattern is
    // parsed on every call and written as UTF-16 for the writer to transcode (a fiftieth of an import's time).
    private static void WriteDate(Utf8JsonWriter writer, DateOnly date)
    {
        Span<byte> text = stackalloc byte[DateFormat.Length];
        date.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    // The names the records' camelCase enum converter writes, so that documents of both forms read alike.
    private static string SourceName(TargetSource source) => source switch
    {
        TargetSource.School => "school",
        TargetSource.DfeTransitionMatrix => "dfeTransitionMatrix",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "No stored name for this target source."),
    };

    private static string StatusName(HomeworkStatus status) => status switch
    {
        HomeworkStatus.Completed => "completed",
        HomeworkStatus.Late => "late",
        HomeworkStatus.Missing => "missing",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No stored name for this homework status."),
    };
}
