using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Synthetic;

/// <summary>Assessments at 3 or 6 points a year with targets, behaviour points and homework for a synthetic school.</summary>
/// <remarks>
/// Secondary: GCSE grades for years 10-11 and the school's "KS3 steps" for 7-9, eight subjects. Primary: teacher
/// assessment (WTS/EXS/GDS) in reading, writing and maths for years 1-6. A pupil's results follow their ability
/// with noise, improving slowly through the year, so some are above, on and below their flight path.
/// </remarks>
internal sealed record ProgressData(List<AssessmentResult> Assessments, List<Target> Targets, List<BehaviourEvent> Behaviour, List<HomeworkRecord> Homework)
{
    private static readonly string[] s_secondary = ["English", "Mathematics", "Science", "History", "Geography", "French", "Art", "Computing"];
    private static readonly string[] s_primary = ["Reading", "Writing", "Mathematics"];
    private static readonly string[] s_homework = ["English", "Mathematics", "Science"];

    public static ProgressData None { get; } = new([], [], [], []);

    public static ProgressData Make(GeneratorOptions options, SchoolCalendar calendar, IReadOnlyList<Pupil> pupils, Dictionary<string, PupilTraits> traits)
    {
        var random = new Random(options.Seed + 1);
        var points = Points(calendar, options);
        var data = new ProgressData([], [], [], []);
        var primary = options.Phase == SchoolPhase.Primary;
        var yearStart = calendar.DayAt(0);
        var yearEnd = calendar.DayAt(calendar.SchoolDayCount - 1);
        foreach (var pupil in pupils)
        {
            var ability = traits[pupil.Id].Ability;
            var scale = primary ? GradeScale.PrimaryTeacherAssessment : pupil.YearGroup >= 10 ? GradeScale.Gcse : SchoolGenerator.Ks3Steps;
            if (pupil.YearGroup < 1)
            {
                continue;
            }

            foreach (var subject in primary ? s_primary : s_secondary)
            {
                var (low, high) = primary ? (6, 8) : (0, scale.Grades.Count - 1);
                var middle = primary ? 7 : scale == GradeScale.Gcse ? 5 : 1.5;
                var baseline = Clamp(middle + (ability * (primary ? 0.6 : 1.6)) + ((random.NextDouble() - 0.5) * 1.5), low, high);
                var target = Clamp(baseline + (primary ? 0 : 1), low, high);
                data.Targets.Add(new Target
                {
                    PupilId = pupil.Id, Subject = subject, Scale = scale.Name, Grade = scale.Grades[target], Baseline = scale.Grades[baseline],
                    CourseStart = yearStart, CourseEnd = yearEnd, TeachingGroup = pupil.RegistrationGroup,
                });
                for (var p = 0; p < points.Count; p++)
                {
                    var drift = (double)(p + 1) / points.Count * (target - baseline);
                    var grade = Clamp(baseline + drift + ((random.NextDouble() - 0.5) * 2.2), low, high);
                    data.Assessments.Add(new AssessmentResult { PupilId = pupil.Id, Subject = subject, Point = points[p].Name, Date = points[p].Date, Scale = scale.Name, Grade = scale.Grades[grade] });
                }
            }

            AddBehaviourAndHomework(data, random, pupil, calendar, options, ability);
        }

        return data;
    }

    private static void AddBehaviourAndHomework(ProgressData data, Random random, Pupil pupil, SchoolCalendar calendar, GeneratorOptions options, double ability)
    {
        var days = calendar.DaysUpTo(options.AsOf);
        var negative = ability < -1 ? 0.04 : 0.008;
        for (var day = 0; day < days; day += 1 + random.Next(4))
        {
            var r = random.NextDouble();
            if (r < 0.15)
            {
                data.Behaviour.Add(new BehaviourEvent { PupilId = pupil.Id, Date = calendar.DayAt(day), Points = 1 + random.Next(3), Category = "Achievement" });
            }
            else if (r < 0.15 + negative)
            {
                data.Behaviour.Add(new BehaviourEvent { PupilId = pupil.Id, Date = calendar.DayAt(day), Points = -(1 + random.Next(3)), Category = random.Next(2) == 0 ? "Disruption" : "Equipment" });
            }
        }

        for (var day = 4; day < days; day += 15)
        {
            foreach (var subject in options.Phase == SchoolPhase.Primary ? ["Reading"] : s_homework)
            {
                var status = random.NextDouble() switch { < 0.85 => HomeworkStatus.Completed, < 0.93 => HomeworkStatus.Late, _ => HomeworkStatus.Missing };
                data.Homework.Add(new HomeworkRecord { PupilId = pupil.Id, Subject = subject, Due = calendar.DayAt(day), Status = status });
            }
        }
    }

    /// <summary>Data drops: 10 school days before each term ends (3 a year), plus 10 days after each starts for 6.</summary>
    private static List<(string Name, DateOnly Date)> Points(SchoolCalendar calendar, GeneratorOptions options)
    {
        var points = new List<(string, DateOnly)>();
        foreach (var term in calendar.TermsOf(options.Year))
        {
            if (options.AssessmentPointsPerYear >= 6 && calendar.NthSchoolDay(term, 10) is { } early)
            {
                points.Add(($"{term.Name} 1", early));
            }

            if (calendar.SchoolDayBeforeEnd(term, 10) is { } late)
            {
                points.Add((options.AssessmentPointsPerYear >= 6 ? $"{term.Name} 2" : term.Name.ToString(), late));
            }
        }

        return [.. points.Where(p => p.Item2 <= options.AsOf)];
    }

    private static int Clamp(double value, int low, int high) => (int)Math.Clamp(Math.Round(value), low, high);
}
