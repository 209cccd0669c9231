using System.Collections.Frozen;

namespace ProgressFunctions.Core.Progress.Ks2;

/// <summary>One Year 6 pupil's KS2 outcomes: test scaled scores and the writing teacher assessment.</summary>
/// <remarks>
/// A test score is null when the pupil has none (working below the test "B", absent "A" and the like); such a pupil
/// is in the cohort and has not met the standard. Standards, both ends inclusive: expected at 100 or more, high
/// score at 110 or more (of 80-120). Writing is teacher assessed: EXS or GDS is the expected standard, GDS greater depth.
/// </remarks>
public sealed record Ks2PupilResults(string PupilId, int? Reading, int? Maths, int? Gps, string? WritingTa)
{
    public const int ExpectedStandard = 100;
    public const int HighScore = 110;

    public bool WritingExpected => IsTa(WritingTa, "EXS") || WritingGreaterDepth;

    public bool WritingGreaterDepth => IsTa(WritingTa, "GDS");

    /// <summary>Reading and maths tests at 100 or more and writing EXS or GDS.</summary>
    public bool RwmExpected => Reading >= ExpectedStandard && Maths >= ExpectedStandard && WritingExpected;

    /// <summary>Reading and maths tests at 110 or more and writing GDS.</summary>
    public bool RwmHigher => Reading >= HighScore && Maths >= HighScore && WritingGreaterDepth;

    private static bool IsTa(string? ta, string code) => string.Equals(ta?.Trim(), code, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Reads a pupil's KS2 outcomes from their assessment results.</summary>
/// <remarks>
/// Subjects are matched by name, case-insensitively: reading; maths or mathematics; GPS, SPaG or "grammar,
/// punctuation and spelling"; writing. Tests count only results on the KS2 scaled score scale, so a teacher-assessment
/// grade recorded for reading or maths (a data drop after the tests) never replaces the test score; writing counts
/// only teacher-assessment results. When a subject has several such results the latest (by date, then point) counts.
/// A number outside 80-120 and a writing grade that is neither a teacher-assessment grade nor a known code are row
/// problems, returned with the pupil's results.
/// </remarks>
public static class Ks2ResultReader
{
    private static readonly FrozenDictionary<string, string> s_subjects = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Reading"] = "Reading",
        ["English reading"] = "Reading",
        ["Maths"] = "Maths",
        ["Mathematics"] = "Maths",
        ["GPS"] = "GPS",
        ["SPaG"] = "GPS",
        ["Grammar, punctuation and spelling"] = "GPS",
        ["Writing"] = "Writing",
        ["English writing"] = "Writing",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Writing outcomes that are not on the TA scale but are valid: engagement model, absent, left, future, past, disapplied.
    private static readonly FrozenSet<string> s_otherWritingCodes = FrozenSet.ToFrozenSet(["EM", "A", "L", "F", "P", "D"], StringComparer.OrdinalIgnoreCase);

    public static (Ks2PupilResults Results, IReadOnlyList<ProgressIssue> Issues) Read(string pupilId, IEnumerable<AssessmentResult> results)
    {
        var issues = new List<ProgressIssue>();
        var latest = Latest(pupilId, results);

        int? Score(string test)
        {
            // A letter code on the test scale (absent, working below the test) is no score and no problem.
            if (!latest.TryGetValue(test, out var row) || !row.Grade.Trim().All(char.IsAsciiDigit))
            {
                return null;
            }

            if (GradeScale.Ks2ScaledScore.TryGetValue(row.Grade, out var value))
            {
                return (int)value;
            }

            issues.Add(new(pupilId, row.Subject, row.Point, GradeScale.Ks2ScaledScore.NotOnScaleMessage(row.Grade)));
            return null;
        }

        string? writing = null;
        if (latest.TryGetValue("Writing", out var w))
        {
            if (GradeScale.PrimaryTeacherAssessment.Contains(w.Grade))
            {
                writing = GradeScale.PrimaryTeacherAssessment.Normalise(w.Grade);
            }
            else if (!s_otherWritingCodes.Contains(w.Grade.Trim()))
            {
                issues.Add(new(pupilId, w.Subject, w.Point, GradeScale.PrimaryTeacherAssessment.NotOnScaleMessage(w.Grade)));
            }
        }

        return (new Ks2PupilResults(pupilId, Score("Reading"), Score("Maths"), Score("GPS"), writing), issues);
    }

    /// <summary>The latest counting result per KS2 subject: the last by date, then point (ordinal), then the order given.</summary>
    private static Dictionary<string, AssessmentResult> Latest(string pupilId, IEnumerable<AssessmentResult> results)
    {
        var latest = new Dictionary<string, AssessmentResult>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            if (r.PupilId == pupilId && s_subjects.TryGetValue(r.Subject.Trim(), out var subject) && IsOnItsScale(subject, r)
                && (!latest.TryGetValue(subject, out var current) || IsSameOrLater(r, current)))
            {
                latest[subject] = r;
            }
        }

        return latest;
    }

    private static bool IsSameOrLater(AssessmentResult row, AssessmentResult than) =>
        row.Date != than.Date ? row.Date > than.Date : string.CompareOrdinal(row.Point, than.Point) >= 0;

    /// <summary>Writing is teacher assessed; every other subject counts only as a test scaled score.</summary>
    private static bool IsOnItsScale(string subject, AssessmentResult row)
    {
        var scale = GradeScaleSet.Standard.TryGet(row.Scale, out var s) ? s : null;
        return subject == "Writing"
            ? !ReferenceEquals(scale, GradeScale.Ks2ScaledScore)
            : ReferenceEquals(scale, GradeScale.Ks2ScaledScore);
    }
}
