namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>Finds the subjects a pupil has results in but no target for, so a report shows them rather than leaving them out.</summary>
/// <remarks>
/// A subject matches a target by <see cref="SubjectKey"/>'s rule (trimmed, ignoring case). Only results dated on or
/// before the snapshot date are given. KS2 test scaled scores are left out: they are prior attainment, not a subject. A school that sets no target in a subject, or one the DfE matrices have no
/// default for (combined science), would otherwise see the subject vanish from the pupil's report without a word.
/// </remarks>
internal static class Untargeted
{
    /// <summary>The pupil's untargeted subjects in ordinal order of name; null when there are none.</summary>
    public static EquatableList<UntargetedSubject>? Of(IReadOnlyList<Target> targets, IReadOnlyList<AssessmentResult> results, GradeScaleSet scales)
    {
        if (results.Count == 0)
        {
            return null;
        }

        // Keyed by the first result of each subject, which names it; the value is the latest result on its scale, if any.
        Dictionary<SubjectKey, (AssessmentResult First, AssessmentResult? Latest)>? found = null;
        // A pupil's results come subject by subject, mostly sharing one string per subject: the last answer is reused.
        var (lastSubject, lastTargeted) = ((string?)null, false);
        foreach (var result in results)
        {
            var key = SubjectKey.Of(result.PupilId, result.Subject);
            if (!string.Equals(result.Subject, lastSubject, StringComparison.Ordinal))
            {
                (lastSubject, lastTargeted) = (result.Subject, HasTarget(targets, key));
            }

            if (lastTargeted)
            {
                continue;
            }

            var known = scales.TryGet(result.Scale, out var scale);
            // KS2 test scaled scores are prior attainment (and Year 6's own summary), not a subject being taught.
            if (known && ReferenceEquals(scale, GradeScale.Ks2ScaledScore))
            {
                continue;
            }

            found ??= [];
            var usable = known && scale!.TryGetValue(result.Grade, out _) ? result : null;
            if (!found.TryGetValue(key, out var held))
            {
                found.Add(key, (result, usable));
            }
            else if (usable is not null && (held.Latest is null || Later(usable, held.Latest)))
            {
                found[key] = (held.First, usable);
            }
        }

        return found is null ? null : [.. found.Values.Select(v => Subject(v.First, v.Latest, scales)).OrderBy(s => s.Subject, StringComparer.Ordinal)];
    }

    // A pupil has a handful of targets: a scan costs less than a set made for every pupil of every snapshot.
    private static bool HasTarget(IReadOnlyList<Target> targets, SubjectKey key)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            if (SubjectKey.Of(targets[i].PupilId, targets[i].Subject).Equals(key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Later(AssessmentResult a, AssessmentResult b) =>
        a.Date != b.Date ? a.Date > b.Date : string.CompareOrdinal(a.Point, b.Point) > 0;

    private static UntargetedSubject Subject(AssessmentResult first, AssessmentResult? latest, GradeScaleSet scales) =>
        latest is not null && scales.TryGet(latest.Scale, out var scale)
            ? new UntargetedSubject(first.Subject.Trim(), scale.Name, scale.Normalise(latest.Grade))
            : new UntargetedSubject(first.Subject.Trim(), first.Scale.Trim(), null);
}
