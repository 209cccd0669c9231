using MathNet.Numerics.Distributions;
using System.Globalization;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>Targets, results at each data drop, KS2 outcomes, behaviour and homework for the pupils on roll.</summary>
/// <remarks>
/// <para>
/// Secondary: eight subjects in years 7-9 on the school's "KS3 steps" scale over the year; in years 10-11 English,
/// mathematics, science, history and/or geography and two or three of French, art and computing on the GCSE scale over
/// the two-year course. Primary: reading,
/// writing and mathematics teacher assessment (WTS/EXS/GDS) in years 1-6, the path flat at the year's expected grade.
/// Targets and baselines follow the pupil's standing (<see cref="Academic"/>); each result lies on the flight path plus
/// the pupil's momentum (most run close to it, about one in eight falls behind over the autumn, one in ten runs ahead),
/// a per-subject offset and a little noise, rounded to the scale. About 10% of KS4 pupils have no targets, so the
/// school's default targets fill in.
/// </para>
/// <para>
/// KS2: in an export made on or after KS2 results day, Year 6 pupils have test scaled scores ("English reading",
/// "Maths", "GPS" on the KS2 scale) and the writing teacher assessment ("Writing", KS2 TA), distributed like the 2025
/// national results (<see cref="Ks2Model"/>). Secondary pupils carry the reading and maths scores of their own KS2
/// tests as prior attainment. The tests are named apart from the teacher-assessment subjects "Reading" and
/// "Mathematics" so that a test score is never read as a teacher-assessment point.
/// </para>
/// </remarks>
internal sealed record ProgressData(List<AssessmentResult> Assessments, List<Target> Targets, List<BehaviourEvent> Behaviour, List<HomeworkRecord> Homework)
{
    public const string Ks2Reading = "English reading";
    public const string Ks2Maths = "Maths";
    public const string Ks2Gps = "GPS";

    public static ProgressData None { get; } = new([], [], [], []);

    public static ProgressData Make(GeneratorOptions options, SchoolCalendar calendar, IReadOnlyList<RollEntry> roll, GradeScale ks3)
    {
        var data = new ProgressData([], [], [], []);
        var drops = DataDrops.Of(calendar, options.Year).Where(d => d.Date <= options.AsOf).ToList();
        var courses = roll.Select(e => (Entry: e, Academic: Academic.Of(options.Seed, e.Cohort, e.Place)))
            .SelectMany(p => Courses.Of(options, calendar, p.Entry, p.Academic, ks3)).ToList();
        var groups = TeachingGroups.Assign(courses, options.Phase);
        var coursesOf = courses.ToLookup(c => c.Entry.Pupil.Id, StringComparer.Ordinal);
        foreach (var entry in roll)
        {
            AddCourses(data, options, drops, coursesOf[entry.Pupil.Id], groups);
            AddKs2(data, options, entry, Academic.Of(options.Seed, entry.Cohort, entry.Place));
            BehaviourAndHomework.Add(data, options, calendar, entry);
        }

        return data;
    }

    /// <summary>A pupil's targets and results, subject by subject.</summary>
    private static void AddCourses(ProgressData data, GeneratorOptions options, List<DataDrop> drops, IEnumerable<Course> courses, Dictionary<Course, string> groups)
    {
        foreach (var course in courses)
        {
            var pupil = course.Entry.Pupil;
            if (course.Entry.Traits.HasTargets)
            {
                data.Targets.Add(new Target
                {
                    PupilId = pupil.Id, Subject = course.Subject, Scale = course.Scale.Name, Grade = course.Scale.NearestGrade(course.Target),
                    Baseline = course.Scale.NearestGrade(course.Baseline), CourseStart = course.Start, CourseEnd = course.End, TeachingGroup = groups[course],
                });
            }

            var random = new Random(Seeds.Of(options.Seed, 7, course.Entry.Cohort, course.Entry.Place, options.Year.StartYear, course.SubjectIndex));
            // A stream of its own, so that every other pupil's results are the same as without it.
            var missed = new Random(Seeds.Of(options.Seed, 16, course.Entry.Cohort, course.Entry.Place, options.Year.StartYear, course.SubjectIndex));
            foreach (var drop in drops.Where(d => d.Date >= course.Start))
            {
                var value = course.ValueAt(drop.Date, Normal.Sample(random, 0, 1));
                if (!IsKs2Writing(course, drop) && NotThereToBeAssessed(course.Entry.Traits, missed))
                {
                    continue;
                }

                // Year 6's last writing assessment is the statutory KS2 teacher assessment, the grade its target was set from.
                var grade = course.Scale.NearestGrade(IsKs2Writing(course, drop) ? course.Target : (decimal)value);
                data.Assessments.Add(new AssessmentResult { PupilId = pupil.Id, Subject = course.Subject, Point = drop.Name, Date = drop.Date, Scale = course.Scale.Name, Grade = grade });
            }
        }
    }

    /// <summary>Whether a severely absent pupil (absent half the time or more) has no result at a drop: as often as they are absent.</summary>
    /// <remarks>A pupil who is rarely in school is often not there on the assessment week; a modelling choice, as no national figure counts it.</remarks>
    private static bool NotThereToBeAssessed(PupilTraits traits, Random random) => traits.Severe && random.NextDouble() < traits.Propensity;

    private static bool IsKs2Writing(Course course, DataDrop drop) =>
        drop.EndOfYear && course.Entry.Pupil.YearGroup == 6 && course.Subject == "Writing" && course.Scale == GradeScale.PrimaryTeacherAssessment;

    /// <summary>Year 6 results in an export from results day on; secondary pupils' own KS2 reading and maths.</summary>
    private static void AddKs2(ProgressData data, GeneratorOptions options, RollEntry entry, Academic academic)
    {
        var pupil = entry.Pupil;
        var (yearSix, secondary) = (pupil.YearGroup == 6, options.Phase == SchoolPhase.Secondary);
        var testYear = entry.Cohort + 7;
        var resultsDay = Ks2Model.ResultsDay(testYear);
        if (!(secondary || (yearSix && resultsDay <= options.AsOf)))
        {
            return;
        }

        var point = string.Create(CultureInfo.InvariantCulture, $"KS2 {testYear}");
        void Add(string subject, GradeScale scale, string? grade)
        {
            if (grade is not null)
            {
                data.Assessments.Add(new AssessmentResult { PupilId = pupil.Id, Subject = subject, Point = point, Date = resultsDay, Scale = scale.Name, Grade = grade });
            }
        }

        static string? Score(int? score) => score?.ToString(CultureInfo.InvariantCulture);
        Add(Ks2Reading, GradeScale.Ks2ScaledScore, Score(Ks2Model.Reading(academic.Reading)));
        Add(Ks2Maths, GradeScale.Ks2ScaledScore, Score(Ks2Model.Maths(academic.Maths)));
        if (!secondary)
        {
            Add(Ks2Gps, GradeScale.Ks2ScaledScore, Score(Ks2Model.Gps(academic.Gps)));
            Add("Writing", GradeScale.PrimaryTeacherAssessment, Ks2Model.TeacherAssessment(academic.Writing));
        }
    }
}
