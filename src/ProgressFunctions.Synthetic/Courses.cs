using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>One pupil's course in one subject: the scale, the flight path from baseline to target, and how they run on it.</summary>
internal sealed record Course(RollEntry Entry, string Subject, int SubjectIndex, GradeScale Scale, decimal Baseline, decimal Target, DateOnly Start, DateOnly End, double Standing, double Offset)
{
    /// <summary>A result's value on a date: the flight path, plus the pupil's momentum and this year's absence (felt fully from about four months into the course), the subject offset, their group's gap and noise.</summary>
    /// <remarks>
    /// The noise is a teacher's judgement on the day, each drop on its own, in the scale's own steps: a third of a KS3
    /// step (a sub-level), a quarter of a GCSE grade, a sixth of a primary standard (WTS, EXS, GDS: a year's band each,
    /// which teachers rarely move a pupil out of and back). Over a term a KS3 subject then moves the expected one step in
    /// about two results in three, stays put or moves two in most others. With a sixth of a step everywhere, 87% of a
    /// term's KS3 changes were exactly one step and a pupil's report read "+1" in every subject.
    /// </remarks>
    public double ValueAt(DateOnly date, double noise)
    {
        var expected = (double)new FlightPath(Baseline, Target, Start, End).ExpectedAt(date);
        var ramp = Math.Min(1, (date.DayNumber - Start.DayNumber) / 120.0);
        var spread = Scale == GradeScale.PrimaryTeacherAssessment ? 0.15 : Scale == GradeScale.Gcse ? 0.25 : 0.3;
        return expected + (ramp * (Entry.Traits.Momentum + Offset + Entry.Traits.AbsenceGap)) + GroupGap(date) + (spread * noise);
    }

    /// <summary>The pupil's group's gap (<see cref="PersonHabits.ProgressGap"/>) as it has built up by a date.</summary>
    /// <remarks>
    /// Progress 8's gap is what five years of secondary school build up, so it grows evenly from the start of Year 7 to
    /// the end of Year 11: a fifth of it in Year 7, most of it by a Year 10 or 11 GCSE course. In primary it grows from
    /// Year 1 to the end of Year 6, and is a quarter as large, as a primary standard spans a year's band, not a grade.
    /// </remarks>
    private double GroupGap(DateOnly date)
    {
        var primary = Scale == GradeScale.PrimaryTeacherAssessment;
        var from = new DateOnly(Entry.Cohort + (primary ? 1 : 7), 9, 1);
        var share = Math.Clamp((date.DayNumber - from.DayNumber) / (365.25 * (primary ? 6 : 5)), 0, 1);
        return Entry.Traits.ProgressGap * share * (primary ? 0.25 : 1);
    }
}

/// <summary>The courses a pupil follows this year, by phase and year group.</summary>
internal static class Courses
{
    private static readonly string[] s_primary = ["Reading", "Writing", "Mathematics"];

    public static IEnumerable<Course> Of(GeneratorOptions options, SchoolCalendar calendar, RollEntry entry, Academic academic, GradeScale ks3)
    {
        var year = entry.Pupil.YearGroup;
        var terms = calendar.TermsOf(options.Year);
        var (yearStart, yearEnd) = (terms[0].Start, terms[^1].End);
        if (options.Phase == SchoolPhase.Primary)
        {
            if (year < 1)
            {
                yield break;   // Reception is assessed against the early years foundation stage, not tracked here
            }

            double[] standing = [academic.Reading, academic.Writing, academic.Maths];
            for (var i = 0; i < s_primary.Length; i++)
            {
                var grade = GradeScale.PrimaryTeacherAssessment.ValueOf(Ks2Model.TeacherAssessment(standing[i]));
                yield return new Course(entry, s_primary[i], i, GradeScale.PrimaryTeacherAssessment, grade, grade, yearStart, yearEnd, standing[i], academic.Offsets[i]);
            }

            yield break;
        }

        for (var i = 0; i < People.SecondarySubjects.Length; i++)
        {
            var z = academic.Subjects[i];
            if (year <= 9)
            {
                decimal baseline = z < -0.8 ? 1 : z < 0.6 ? 2 : 3;
                var target = Math.Min(ks3.Highest, baseline + 3 + (z > 1.2 ? 1 : 0));
                yield return new Course(entry, People.SecondarySubjects[i], i, ks3, baseline, target, yearStart, yearEnd, z, academic.Offsets[i]);
            }
            else if (TakesAtGcse(i, academic.Choices))
            {
                var target = Math.Clamp(Math.Round((decimal)(5.0 + (1.6 * z))), 1, 9);
                var baseline = Math.Max(1, target - 2);
                var start = new DateOnly(entry.Cohort + 10, 9, 1);
                yield return new Course(entry, People.SecondarySubjects[i], i, GradeScale.Gcse, baseline, target, start, new DateOnly(entry.Cohort + 12, 6, 30), z, academic.Offsets[i]);
            }
        }
    }

    /// <summary>
    /// English, mathematics and science for all; history or geography (a third take both); French, art and computing,
    /// most pupils dropping one of the three: six to eight subjects.
    /// </summary>
    private static bool TakesAtGcse(int subject, IReadOnlyList<double> choices)
    {
        var dropped = choices[1] < 0.7 ? (int)(choices[2] * 3) : -1;
        return People.SecondarySubjects[subject] switch
        {
            "History" => choices[0] < 0.65,
            "Geography" => choices[0] >= 0.35,
            "French" => dropped != 0,
            "Art" => dropped != 1,
            "Computing" => dropped != 2,
            _ => true,
        };
    }
}
