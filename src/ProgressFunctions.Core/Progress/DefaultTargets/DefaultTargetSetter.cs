namespace ProgressFunctions.Core.Progress.DefaultTargets;

/// <summary>A pupil taking a GCSE subject, with what a default target needs to know.</summary>
/// <remarks><see cref="Ks2Score"/> is the pupil's KS2 prior attainment (<see cref="Ks2PriorAttainment.Of"/>); null when they have none.</remarks>
public sealed record SubjectEnrolment(
    string PupilId,
    string Subject,
    decimal? Ks2Score,
    DateOnly? CourseStart = null,
    DateOnly? CourseEnd = null,
    string? TeachingGroup = null);

/// <summary>Default GCSE targets from the DfE KS2 to KS4 transition matrices, for subjects the school set none in.</summary>
/// <remarks>
/// The default is the grade most pupils nationally with the same KS2 group reached in the subject (ties to the higher
/// grade), marked <see cref="TargetSource.DfeTransitionMatrix"/> so that reports can say it is not a school target.
/// A school target always wins: a default is only added where the pupil has no target in the subject.
/// </remarks>
public static class DefaultTargetSetter
{
    /// <summary>The default target for one enrolment, or null when the matrices have no row for its subject and score.</summary>
    public static Target? For(SubjectEnrolment enrolment, TransitionMatrices matrices) =>
        matrices.MostLikely(enrolment.Subject, enrolment.Ks2Score) is { } likely
            ? new Target
            {
                PupilId = enrolment.PupilId,
                Subject = enrolment.Subject,
                Scale = GradeScale.Gcse.Name,
                Grade = likely.Grade,
                CourseStart = enrolment.CourseStart,
                CourseEnd = enrolment.CourseEnd,
                TeachingGroup = enrolment.TeachingGroup,
                Source = TargetSource.DfeTransitionMatrix,
            }
            : null;

    /// <summary>The school's targets, then a default for each enrolment without one (in enrolment order).</summary>
    /// <remarks>Subjects match case-insensitively after trimming. Enrolments the matrices cannot serve get no target.</remarks>
    public static IReadOnlyList<Target> Fill(IEnumerable<Target> schoolTargets, IEnumerable<SubjectEnrolment> enrolments, TransitionMatrices matrices)
    {
        var targets = schoolTargets.ToList();
        var covered = new HashSet<SubjectKey>(targets.Count);
        foreach (var target in targets)
        {
            covered.Add(SubjectKey.Of(target.PupilId, target.Subject));
        }

        foreach (var enrolment in enrolments)
        {
            if (covered.Add(SubjectKey.Of(enrolment.PupilId, enrolment.Subject)) && For(enrolment, matrices) is { } target)
            {
                targets.Add(target);
            }
        }

        return targets;
    }
}
