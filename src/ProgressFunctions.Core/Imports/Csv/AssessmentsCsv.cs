using ProgressFunctions.Core.Progress;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>assessments.csv</c> (one result per pupil, subject and assessment point) and <c>targets.csv</c>.</summary>
public static class AssessmentsCsv
{
    public const string FileName = "assessments.csv";
    public const string TargetsFileName = "targets.csv";

    public static readonly CsvColumn Upn = new("UPN", true, "Pupil UPN");
    public static readonly CsvColumn Subject = new("Subject", true, "Subject Name", "Course") { Repeats = true };
    public static readonly CsvColumn Point = new("Point", true, "Assessment Point", "Data Drop", "Assessment", "Collection") { Repeats = true };
    public static readonly CsvColumn Date = new("Date", true, "Result Date", "Assessment Date");
    public static readonly CsvColumn Scale = new("Scale", true, "Grade Scale", "Grade Set", "Grade Type") { Repeats = true };
    public static readonly CsvColumn Grade = new("Grade", true, "Result", "Mark", "Value") { Repeats = true };

    public static readonly CsvColumn Target = new("Target", true, "Target Grade", "Grade") { Repeats = true };
    public static readonly CsvColumn Baseline = new("Baseline", false, "Baseline Grade", "Starting Point") { Repeats = true };
    public static readonly CsvColumn CourseStart = new("Course Start", false, "Start Date");
    public static readonly CsvColumn CourseEnd = new("Course End", false, "End Date");
    public static readonly CsvColumn TeachingGroup = new("Teaching Group", false, "Class", "Group", "Set") { Repeats = true };

    public static IReadOnlyList<CsvColumn> Columns { get; } = [Upn, Subject, Point, Date, Scale, Grade];

    public static IReadOnlyList<CsvColumn> TargetColumns { get; } = [Upn, Subject, Scale, Target, Baseline, CourseStart, CourseEnd, TeachingGroup];

    public static List<AssessmentResult> Read(
        TextReader text, PupilIndex pupils, GradeScaleSet scales, ICollection<ImportIssue> issues, string file = FileName)
    {
        var results = new List<AssessmentResult>();
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var pupilId = row.Pupil(Upn, pupils);
            var scale = ScaleOf(row, scales);
            var result = new AssessmentResult
            {
                PupilId = pupilId,
                Subject = row.Required(Subject),
                Point = row.Required(Point),
                Date = row.Date(Date, required: true) ?? default,
                Scale = scale?.Name ?? "",
                Grade = GradeOn(row, Grade, scale) ?? "",
            };
            if (!row.HasErrors)
            {
                results.Add(result);
            }
        });
        return results;
    }

    public static List<Target> ReadTargets(
        TextReader text, PupilIndex pupils, GradeScaleSet scales, ICollection<ImportIssue> issues, string file = TargetsFileName)
    {
        var targets = new List<Target>();
        CsvTable.Read(text, file, TargetColumns, issues, row =>
        {
            var pupilId = row.Pupil(Upn, pupils);
            var scale = ScaleOf(row, scales);
            var target = new Target
            {
                PupilId = pupilId,
                Subject = row.Required(Subject),
                Scale = scale?.Name ?? "",
                Grade = GradeOn(row, Target, scale) ?? "",
                Baseline = row.Has(Baseline) && row.Get(Baseline).Length > 0 ? GradeOn(row, Baseline, scale) : null,
                CourseStart = row.Date(CourseStart),
                CourseEnd = row.Date(CourseEnd),
                TeachingGroup = row.GetOrNull(TeachingGroup),
            };
            if (!row.HasErrors)
            {
                targets.Add(target);
            }
        });
        return targets;
    }

    private static GradeScale? ScaleOf(CsvRow row, GradeScaleSet scales)
    {
        var name = row.Required(Scale);
        if (name.Length > 0 && !scales.TryGet(name, out var scale))
        {
            row.Error(Scale, name, $"unknown grade scale '{name}' (national scales, or one defined in school.json)");
            return null;
        }

        return scales.TryGet(name, out scale) ? scale : null;
    }

    private static string? GradeOn(CsvRow row, CsvColumn column, GradeScale? scale)
    {
        var grade = row.Required(column);
        if (grade.Length == 0 || scale is null)
        {
            return null;
        }

        if (!scale.Contains(grade))
        {
            row.Error(column, grade, $"'{grade}' is not a grade on the {scale.Name} scale");
            return null;
        }

        return scale.Normalise(grade);
    }
}
