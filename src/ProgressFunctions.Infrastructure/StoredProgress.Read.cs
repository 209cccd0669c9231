using System.Text.Json;
using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Infrastructure;

// Reading both forms (see the remarks on StoredProgress). Items take the document's pupil id, which both forms write
// first; a document that puts it later is read all the same and its items given the id at the end. Property names and
// dates are matched and parsed from the stored bytes: a school's load reads about a hundred of each a pupil.
internal sealed partial class StoredProgress
{
    public override PupilProgress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? pupilId = null;
        var itemsBeforeId = false;
        List<Target> targets = [];
        List<AssessmentResult> results = [];
        List<BehaviourEvent> behaviour = [];
        List<HomeworkRecord> homework = [];
        List<Intervention>? interventions = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameOf(ref reader);
            reader.Read();
            itemsBeforeId |= pupilId is null && name is Name.Targets or Name.Results or Name.Behaviour or Name.Homework;
            var id = pupilId ?? "";
            switch (name)
            {
                case Name.PupilId: pupilId = reader.GetString(); break;
                case Name.Targets: ReadEach(ref reader, id, targets, ReadTarget); break;
                case Name.Results: ReadEach(ref reader, id, results, ReadResults); break;
                case Name.Behaviour: ReadEach(ref reader, id, behaviour, ReadBehaviour); break;
                case Name.Homework: ReadEach(ref reader, id, homework, ReadHomework); break;
                case Name.Interventions: interventions = JsonSerializer.Deserialize<List<Intervention>>(ref reader, options); break;
                default: reader.Skip(); break;
            }
        }

        if (pupilId is null)
        {
            throw new JsonException("A progress document has no pupilId.");
        }

        var progress = new PupilProgress(pupilId, targets, results, behaviour, homework) { Interventions = interventions };
        return itemsBeforeId ? WithPupilId(progress) : progress;
    }

    private static PupilProgress WithPupilId(PupilProgress progress)
    {
        var id = progress.PupilId;
        return progress with
        {
            Targets = [.. progress.Targets.Select(t => t with { PupilId = id })],
            Results = [.. progress.Results.Select(r => r with { PupilId = id })],
            Behaviour = [.. progress.Behaviour.Select(b => b with { PupilId = id })],
            Homework = [.. progress.Homework.Select(h => h with { PupilId = id })],
        };
    }

    private delegate void ItemReader<T>(ref Utf8JsonReader reader, string pupilId, List<T> into);

    private static void ReadEach<T>(ref Utf8JsonReader reader, string pupilId, List<T> into, ItemReader<T> item)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            item(ref reader, pupilId, into);
        }
    }

    private static void ReadTarget(ref Utf8JsonReader reader, string pupilId, List<Target> into)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? subject = null, scale = null, grade = null, baseline = null, group = null;
        DateOnly? start = null, end = null;
        var source = TargetSource.School;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameOf(ref reader);
            reader.Read();
            switch (name)
            {
                case Name.Subject: subject = Text(ref reader); break;
                case Name.Scale: scale = Text(ref reader); break;
                case Name.Grade: grade = Text(ref reader); break;
                case Name.Baseline: baseline = StoredStrings.ReadText(ref reader); break;
                case Name.CourseStart: start = reader.TokenType == JsonTokenType.Null ? null : Date(ref reader); break;
                case Name.CourseEnd: end = reader.TokenType == JsonTokenType.Null ? null : Date(ref reader); break;
                case Name.TeachingGroup: group = StoredStrings.ReadText(ref reader); break;
                case Name.Source: source = Source(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        into.Add(new Target
        {
            PupilId = pupilId,
            Subject = subject ?? throw Missing("subject"),
            Scale = scale ?? throw Missing("scale"),
            Grade = grade ?? throw Missing("grade"),
            Baseline = baseline,
            CourseStart = start,
            CourseEnd = end,
            TeachingGroup = group,
            Source = source,
        });
    }

    // A group of the new form (its subject and scale written before its points), or one result of the old.
    private static void ReadResults(ref Utf8JsonReader reader, string pupilId, List<AssessmentResult> into)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? subject = null, scale = null, point = null, grade = null;
        DateOnly? date = null;
        var grouped = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameOf(ref reader);
            reader.Read();
            switch (name)
            {
                case Name.Subject: subject = Text(ref reader); break;
                case Name.Scale: scale = Text(ref reader); break;
                case Name.Point: point = Text(ref reader); break;
                case Name.Date: date = Date(ref reader); break;
                case Name.Grade: grade = Text(ref reader); break;
                case Name.Points when subject is not null && scale is not null:
                    grouped = true;
                    Expect(ref reader, JsonTokenType.StartArray);
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                    {
                        reader.Read();
                        var p = Text(ref reader);
                        reader.Read();
                        var d = Date(ref reader);
                        reader.Read();
                        var g = Text(ref reader);
                        reader.Read();
                        Expect(ref reader, JsonTokenType.EndArray);
                        into.Add(new AssessmentResult { PupilId = pupilId, Subject = subject, Scale = scale, Point = p, Date = d, Grade = g });
                    }

                    break;
                case Name.Points: throw Missing(subject is null ? "subject" : "scale");
                default: reader.Skip(); break;
            }
        }

        if (!grouped)
        {
            into.Add(new AssessmentResult
            {
                PupilId = pupilId,
                Subject = subject ?? throw Missing("subject"),
                Scale = scale ?? throw Missing("scale"),
                Point = point ?? throw Missing("point"),
                Date = date ?? throw Missing("date"),
                Grade = grade ?? throw Missing("grade"),
            });
        }
    }

    // [date, points, category] in the new form, an object in the old.
    private static void ReadBehaviour(ref Utf8JsonReader reader, string pupilId, List<BehaviourEvent> into)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var date = Date(ref reader);
            reader.Read();
            var points = reader.GetInt32();
            reader.Read();
            var category = Text(ref reader);
            reader.Read();
            Expect(ref reader, JsonTokenType.EndArray);
            into.Add(new BehaviourEvent { PupilId = pupilId, Date = date, Points = points, Category = category });
            return;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        DateOnly? day = null;
        int? value = null;
        var kind = "";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameOf(ref reader);
            reader.Read();
            switch (name)
            {
                case Name.Date: day = Date(ref reader); break;
                case Name.Points: value = reader.GetInt32(); break;
                case Name.Category: kind = Text(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        into.Add(new BehaviourEvent { PupilId = pupilId, Date = day ?? throw Missing("date"), Points = value ?? throw Missing("points"), Category = kind });
    }

    // A group (a subject, then its "due" list of [date, status]) in the new form; one record, "due" a date, in the old.
    private static void ReadHomework(ref Utf8JsonReader reader, string pupilId, List<HomeworkRecord> into)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? subject = null;
        DateOnly? due = null;
        HomeworkStatus? status = null;
        var grouped = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameOf(ref reader);
            reader.Read();
            switch (name)
            {
                case Name.Subject: subject = Text(ref reader); break;
                case Name.Due when reader.TokenType == JsonTokenType.StartArray:
                    grouped = true;
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                    {
                        reader.Read();
                        var d = Date(ref reader);
                        reader.Read();
                        var s = Status(ref reader);
                        reader.Read();
                        Expect(ref reader, JsonTokenType.EndArray);
                        into.Add(new HomeworkRecord { PupilId = pupilId, Subject = subject ?? throw Missing("subject"), Due = d, Status = s });
                    }

                    break;
                case Name.Due: due = Date(ref reader); break;
                case Name.Status: status = Status(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (!grouped)
        {
            into.Add(new HomeworkRecord { PupilId = pupilId, Subject = subject ?? throw Missing("subject"), Due = due ?? throw Missing("due"), Status = status ?? throw Missing("status") });
        }
    }
}
