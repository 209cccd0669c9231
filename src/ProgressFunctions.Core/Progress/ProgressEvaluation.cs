using System.Runtime.InteropServices;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress;

/// <summary>Puts each target's results on its flight path: a pure function of targets, results, scales and a date.</summary>
/// <remarks>
/// Results dated after <c>asOf</c> are ignored, so an evaluation for a past date gives that date's answer. Pupil ids
/// match exactly; subjects and scale names match case-insensitively after trimming. Output is ordered by pupil id and
/// subject (ordinal), whatever order the inputs came in, so the same inputs always give an equal result. A row that
/// cannot be used (unknown scale, a grade not on the scale, a result on another scale than its target) becomes a
/// <see cref="ProgressIssue"/> and the other rows still count. A subject with results but no target has no flight
/// path and is left out; <see cref="DefaultTargets.DefaultTargetSetter"/> can fill such gaps first.
/// </remarks>
public static class ProgressEvaluation
{
    public static ProgressResult Evaluate(IEnumerable<Target> targets, IEnumerable<AssessmentResult> results, GradeScaleSet scales, DateOnly asOf)
    {
        var subjects = new List<SubjectProgress>();
        var issues = new List<ProgressIssue>();
        Evaluate(targets, results, scales, asOf, subjects, issues);
        return new ProgressResult(subjects.ToEquatableList(), Order(issues));
    }

    /// <summary>Adds each subject's progress to <paramref name="subjects"/> and each row left out to <paramref name="issues"/>, in no set order.</summary>
    /// <remarks>Given one pupil's rows, the work is that pupil's alone: the snapshot evaluates pupil by pupil this way.</remarks>
    internal static void Evaluate(
        IEnumerable<Target> targets, IEnumerable<AssessmentResult> results, GradeScaleSet scales, DateOnly asOf, List<SubjectProgress> subjects, List<ProgressIssue> issues)
    {
        var resultsBySubject = BySubject(results, asOf);
        var ordered = targets
            .OrderBy(t => t.PupilId, StringComparer.Ordinal).ThenBy(t => t.Subject.Trim(), StringComparer.OrdinalIgnoreCase)
            .ThenBy(t => t.Source).ThenBy(t => t.Scale, StringComparer.Ordinal).ThenBy(t => t.Grade, StringComparer.Ordinal);
        foreach (var group in ordered.GroupBy(t => SubjectKey.Of(t.PupilId, t.Subject)))
        {
            var target = group.First();
            if (group.Count() > 1)
            {
                issues.Add(new(target.PupilId, target.Subject, null, $"{group.Count()} targets given; the first ({target.Grade}, {target.Source}) is used"));
            }

            if (EvaluateOne(target, resultsBySubject.GetValueOrDefault(group.Key) ?? [], scales, asOf, issues) is { } progress)
            {
                subjects.Add(progress);
            }
        }
    }

    /// <summary>The issues in their fixed order: pupil, subject, point, message (ordinal).</summary>
    internal static EquatableList<ProgressIssue> Order(IEnumerable<ProgressIssue> issues) =>
        issues.OrderBy(i => i.PupilId, StringComparer.Ordinal).ThenBy(i => i.Subject, StringComparer.Ordinal)
            .ThenBy(i => i.Point, StringComparer.Ordinal).ThenBy(i => i.Message, StringComparer.Ordinal).ToEquatableList();

    /// <summary>Results to the date by pupil and subject, each subject's in the order given.</summary>
    private static Dictionary<SubjectKey, List<AssessmentResult>> BySubject(IEnumerable<AssessmentResult> results, DateOnly asOf)
    {
        var bySubject = new Dictionary<SubjectKey, List<AssessmentResult>>();
        foreach (var result in results)
        {
            if (result.Date <= asOf)
            {
                ref var rows = ref CollectionsMarshal.GetValueRefOrAddDefault(bySubject, SubjectKey.Of(result.PupilId, result.Subject), out _);
                (rows ??= []).Add(result);
            }
        }

        return bySubject;
    }

    private static SubjectProgress? EvaluateOne(Target target, IEnumerable<AssessmentResult> results, GradeScaleSet scales, DateOnly asOf, List<ProgressIssue> issues)
    {
        if (!scales.TryGet(target.Scale, out var scale))
        {
            issues.Add(new(target.PupilId, target.Subject, null, $"unknown grade scale '{target.Scale}' for the target"));
            return null;
        }

        if (!scale.TryGetValue(target.Grade, out var targetValue))
        {
            issues.Add(new(target.PupilId, target.Subject, null, "target " + scale.NotOnScaleMessage(target.Grade)));
            return null;
        }

        var points = new List<(AssessmentResult Row, decimal Value)>();
        foreach (var row in results)
        {
            if (Problem(row, scale, scales, out var value) is { } problem)
            {
                issues.Add(new(row.PupilId, row.Subject, row.Point, problem));
                continue;
            }

            points.Add((row, value));
        }

        points.Sort((a, b) => a.Row.Date != b.Row.Date ? a.Row.Date.CompareTo(b.Row.Date) : string.CompareOrdinal(a.Row.Point, b.Row.Point));
        decimal? baseline = null;
        if (target.Baseline is { } given)
        {
            if (scale.TryGetValue(given, out var value))
            {
                baseline = value;
            }
            else
            {
                issues.Add(new(target.PupilId, target.Subject, null, "baseline " + scale.NotOnScaleMessage(given) + "; the first result of the course is used"));
            }
        }

        // Without a school baseline the pupil's first result of the course is where their path starts.
        var courseStart = target.CourseStart ?? AcademicYear.Containing(asOf).Start;
        baseline ??= points.Where(p => p.Row.Date >= courseStart).Select(p => (decimal?)p.Value).FirstOrDefault();
        var path = FlightPath.For(target, targetValue, baseline, asOf);
        var onPath = points.Select(p =>
        {
            var expected = path.ExpectedAt(p.Row.Date);
            return new PointResult(p.Row.Point, p.Row.Date, scale.Normalise(p.Row.Grade), p.Value, expected, ProgressBands.Of(p.Value - expected, scale.Thresholds));
        });
        return new SubjectProgress(target.PupilId, target.Subject.Trim(), scale.Name, target.TeachingGroup, scale.Normalise(target.Grade),
            target.Source, path, onPath.ToEquatableList());
    }

    private static string? Problem(AssessmentResult row, GradeScale targetScale, GradeScaleSet scales, out decimal value)
    {
        value = 0;
        if (!scales.TryGet(row.Scale, out var rowScale))
        {
            return $"unknown grade scale '{row.Scale}'";
        }

        if (!ReferenceEquals(rowScale, targetScale))
        {
            return $"a result on the {rowScale.Name} scale cannot be compared with a target on the {targetScale.Name} scale";
        }

        return rowScale.TryGetValue(row.Grade, out value) ? null : rowScale.NotOnScaleMessage(row.Grade);
    }
}
