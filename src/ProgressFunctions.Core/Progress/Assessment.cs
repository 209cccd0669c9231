namespace ProgressFunctions.Core.Progress;

/// <summary>One result a pupil achieved in a subject at an assessment point (a "data drop").</summary>
/// <remarks><see cref="Scale"/> names a grade scale (e.g. "GCSE", "KS2 scaled score"); <see cref="Grade"/> is the grade as written on that scale.</remarks>
public sealed record AssessmentResult
{
    public required string PupilId { get; init; }
    public required string Subject { get; init; }
    public required string Point { get; init; }
    public required DateOnly Date { get; init; }
    public required string Scale { get; init; }
    public required string Grade { get; init; }
}

public enum TargetSource
{
    /// <summary>Set by the school.</summary>
    School,
    /// <summary>Derived from the DfE KS2 to KS4 transition matrices because the school gave none.</summary>
    DfeTransitionMatrix,
}

/// <summary>A pupil's target in a subject, with the course it runs over and the baseline it starts from.</summary>
/// <remarks>
/// The expected grade at a date lies on the straight line from <see cref="Baseline"/> at <see cref="CourseStart"/> to
/// <see cref="Grade"/> at <see cref="CourseEnd"/> (both dates inclusive). <see cref="TeachingGroup"/> is the class the
/// pupil is taught in for the subject, if known.
/// </remarks>
public sealed record Target
{
    public required string PupilId { get; init; }
    public required string Subject { get; init; }
    public required string Scale { get; init; }
    public required string Grade { get; init; }
    public string? Baseline { get; init; }
    public DateOnly? CourseStart { get; init; }
    public DateOnly? CourseEnd { get; init; }
    public string? TeachingGroup { get; init; }
    public TargetSource Source { get; init; } = TargetSource.School;
}

/// <summary>A behaviour event: positive (achievement points) or negative (behaviour points).</summary>
public sealed record BehaviourEvent
{
    public required string PupilId { get; init; }
    public required DateOnly Date { get; init; }
    public required int Points { get; init; }
    public string Category { get; init; } = "";

    public bool IsPositive => Points > 0;
}

public enum HomeworkStatus
{
    Completed,
    Late,
    Missing,
}

/// <summary>One piece of homework set for a pupil, and whether it came in.</summary>
public sealed record HomeworkRecord
{
    public required string PupilId { get; init; }
    public required string Subject { get; init; }
    public required DateOnly Due { get; init; }
    public required HomeworkStatus Status { get; init; }
}
