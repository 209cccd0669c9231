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
        var (groups, indexOf) = FirstTargets(targets);
        var rows = RowsBySubject(results as IReadOnlyList<AssessmentResult> ?? [.. results], groups.Count, indexOf, asOf);
        var points = new List<(AssessmentResult Row, decimal Value)>();
        for (var i = 0; i < groups.Count; i++)
        {
            var (target, count) = groups[i];
            if (count > 1)
            {
                issues.Add(new(target.PupilId, target.Subject, null, $"{count} targets given; the first ({target.Grade}, {target.Source}) is used"));
            }

            points.Clear();
            if (EvaluateOne(target, rows[i], scales, asOf, issues, points) is { } progress)
            {
                subjects.Add(progress);
            }
        }
    }

    /// <summary>
    /// The results dated on or before <paramref name="asOf"/> of each subject with a target, in the order given: a
    /// result is evaluated against its subject's target, and one in a subject without a target has no path to be on.
    /// </summary>
    /// <remarks>Counted first, then placed in arrays of their exact size: a snapshot groups every result of every pupil this way.</remarks>
    private static AssessmentResult[][] RowsBySubject(IReadOnlyList<AssessmentResult> results, int groupCount, Dictionary<SubjectKey, int> indexOf, DateOnly asOf)
    {
        var groupOf = results.Count <= 256 ? stackalloc int[results.Count] : new int[results.Count];
        var counts = groupCount <= 64 ? stackalloc int[groupCount] : new int[groupCount];
        counts.Clear();
        for (var r = 0; r < results.Count; r++)
        {
            var result = results[r];
            groupOf[r] = result.Date <= asOf && indexOf.TryGetValue(SubjectKey.Of(result.PupilId, result.Subject), out var index) ? index : -1;
            if (groupOf[r] >= 0)
            {
                counts[groupOf[r]]++;
            }
        }

        var rows = new AssessmentResult[groupCount][];
        for (var i = 0; i < groupCount; i++)
        {
            rows[i] = counts[i] == 0 ? [] : new AssessmentResult[counts[i]];
            counts[i] = 0;
        }

        for (var r = 0; r < results.Count; r++)
        {
            if (groupOf[r] is var index and >= 0)
            {
                rows[index][counts[index]++] = results[r];
            }
        }

        return rows;
    }

    /// <summary>The target used for each pupil and subject, with how many were given, in the order of <see cref="TargetOrder"/>, and where each subject's is.</summary>
    /// <remarks>The first target in that order is used; groups come in the order their first target does.</remarks>
    private static (List<(Target First, int Count)> Groups, Dictionary<SubjectKey, int> IndexOf) FirstTargets(IEnumerable<Target> targets)
    {
        var list = targets as IReadOnlyList<Target> ?? [.. targets];
        var ordered = new (Target Target, int Index)[list.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = (list[i], i);
        }

        Array.Sort(ordered, TargetOrder);
        var groups = new List<(Target First, int Count)>(ordered.Length);
        var indexOf = new Dictionary<SubjectKey, int>(ordered.Length);
        foreach (var (target, _) in ordered)
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(indexOf, SubjectKey.Of(target.PupilId, target.Subject), out var seen);
            if (seen)
            {
                groups[index] = (groups[index].First, groups[index].Count + 1);
                continue;
            }

            index = groups.Count;
            groups.Add((target, 1));
        }

        return (groups, indexOf);
    }

    /// <summary>Pupil, subject (trimmed, ignoring case), source, scale and grade (ordinal), then the order given: which target is used never depends on the sort.</summary>
    private static int TargetOrder((Target Target, int Index) a, (Target Target, int Index) b)
    {
        var (x, y) = (a.Target, b.Target);
        var order = string.CompareOrdinal(x.PupilId, y.PupilId);
        order = order != 0 ? order : x.Subject.AsSpan().Trim().CompareTo(y.Subject.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);
        order = order != 0 ? order : ((int)x.Source).CompareTo((int)y.Source);
        order = order != 0 ? order : string.CompareOrdinal(x.Scale, y.Scale);
        order = order != 0 ? order : string.CompareOrdinal(x.Grade, y.Grade);
        return order != 0 ? order : a.Index.CompareTo(b.Index);
    }

    /// <summary>The issues in their fixed order: pupil, subject, point, message (ordinal).</summary>
    internal static EquatableList<ProgressIssue> Order(IEnumerable<ProgressIssue> issues) =>
        issues.OrderBy(i => i.PupilId, StringComparer.Ordinal).ThenBy(i => i.Subject, StringComparer.Ordinal)
            .ThenBy(i => i.Point, StringComparer.Ordinal).ThenBy(i => i.Message, StringComparer.Ordinal).ToEquatableList();

    // points: an empty list to work in, shared between subjects so that each does not grow its own.
    private static SubjectProgress? EvaluateOne(
        Target target, AssessmentResult[] results, GradeScaleSet scales, DateOnly asOf, List<ProgressIssue> issues, List<(AssessmentResult Row, decimal Value)> points)
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
        baseline ??= FirstOnOrAfter(points, courseStart);
        var path = FlightPath.For(target, targetValue, baseline, asOf);
        var onPath = new PointResult[points.Count];
        for (var i = 0; i < onPath.Length; i++)
        {
            var (row, value) = points[i];
            var expected = path.ExpectedAt(row.Date);
            onPath[i] = new PointResult(row.Point, row.Date, scale.Normalise(row.Grade), value, expected, ProgressBands.Of(value - expected, scale.Thresholds));
        }

        return new SubjectProgress(target.PupilId, target.Subject.Trim(), scale.Name, target.TeachingGroup, scale.Normalise(target.Grade),
            target.Source, path, EquatableList.Own(onPath));
    }

    private static decimal? FirstOnOrAfter(List<(AssessmentResult Row, decimal Value)> points, DateOnly start)
    {
        foreach (var (row, value) in points)
        {
            if (row.Date >= start)
            {
                return value;
            }
        }

        return null;
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
