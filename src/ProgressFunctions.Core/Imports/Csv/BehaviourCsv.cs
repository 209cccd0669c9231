using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>behaviour.csv</c> (points, positive or negative) and <c>homework.csv</c> (set work and whether it came in).</summary>
public static class BehaviourCsv
{
    public const string FileName = "behaviour.csv";
    public const string HomeworkFileName = "homework.csv";

    public static readonly CsvColumn Upn = new("UPN", true, "Pupil UPN");
    public static readonly CsvColumn Date = new("Date", true, "Event Date", "Incident Date");
    public static readonly CsvColumn Points = new("Points", true, "Score", "Behaviour Points");
    public static readonly CsvColumn Category = new("Category", false, "Type", "Incident Type", "Event Type") { Repeats = true };

    public static readonly CsvColumn Subject = new("Subject", true) { Repeats = true };
    public static readonly CsvColumn Due = new("Due", true, "Due Date", "Deadline");
    public static readonly CsvColumn Status = new("Status", true, "Outcome") { Repeats = true };

    public static IReadOnlyList<CsvColumn> Columns { get; } = [Upn, Date, Points, Category];

    public static IReadOnlyList<CsvColumn> HomeworkColumns { get; } = [Upn, Subject, Due, Status];

    public static List<BehaviourEvent> Read(TextReader text, PupilIndex pupils, ICollection<ImportIssue> issues, string file = FileName)
    {
        var events = new List<BehaviourEvent>();
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var e = new BehaviourEvent
            {
                PupilId = row.Pupil(Upn, pupils),
                Date = row.Date(Date, required: true) ?? default,
                Points = row.Int(Points) ?? 0,
                Category = row.Get(Category),
            };
            if (!row.HasErrors)
            {
                events.Add(e);
            }
        });
        return events;
    }

    public static List<HomeworkRecord> ReadHomework(TextReader text, PupilIndex pupils, ICollection<ImportIssue> issues, string file = HomeworkFileName)
    {
        var records = new List<HomeworkRecord>();
        CsvTable.Read(text, file, HomeworkColumns, issues, row =>
        {
            var pupilId = row.Pupil(Upn, pupils);
            var statusText = row.Required(Status);
            if (!Enum.TryParse<HomeworkStatus>(statusText, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                row.Error(Status, statusText, $"'{statusText}' is not a homework status (completed, late, missing)");
            }

            var record = new HomeworkRecord { PupilId = pupilId, Subject = row.Required(Subject), Due = row.Date(Due, required: true) ?? default, Status = status };
            if (!row.HasErrors)
            {
                records.Add(record);
            }
        });
        return records;
    }
}
