namespace ProgressFunctions.Core.Progress;

/// <summary>One result on a pupil's flight path: the grade, its value and the value expected on the same date.</summary>
/// <remarks>A value, not an object: a snapshot holds one for every result of every pupil, and they live as long as it does.</remarks>
public readonly record struct PointResult(string Point, DateOnly Date, string Grade, decimal Value, decimal Expected, ProgressBand Band)
{
    /// <summary>Current minus expected, in scale points (exact).</summary>
    public decimal Difference => Value - Expected;
}

/// <summary>Why a pupil is not making expected progress in a subject.</summary>
[Flags]
public enum ProgressConcern
{
    None = 0,
    /// <summary>Below or well below the flight path at the latest assessment point.</summary>
    BelowAtLatestPoint = 1,
    /// <summary>The result fell at each of the last two assessment points (three results, each lower than the one before).</summary>
    FallingTwoPointsInARow = 2,
}

/// <summary>A pupil's progress in one subject up to a date: target, flight path and the results along it.</summary>
/// <remarks>
/// <see cref="Points"/> holds the results dated on or before the as-of date, oldest first (ties by point name,
/// ordinal). Each point's band compares its value with the flight path on that point's own date.
/// </remarks>
public sealed record SubjectProgress(
    string PupilId,
    string Subject,
    string Scale,
    string? TeachingGroup,
    string TargetGrade,
    TargetSource TargetSource,
    FlightPath Path,
    EquatableList<PointResult> Points)
{
    public PointResult? Latest => Points.Count > 0 ? Points[^1] : null;

    public ProgressConcern Concerns =>
        (Latest is { } latest && latest.Band.IsBelowExpected() ? ProgressConcern.BelowAtLatestPoint : ProgressConcern.None)
        | (IsFallingTwoPointsInARow ? ProgressConcern.FallingTwoPointsInARow : ProgressConcern.None);

    /// <summary>Below or well below at the latest point, or falling two points in a row (DESIGN.md section 5).</summary>
    public bool NotMakingExpectedProgress => Concerns != ProgressConcern.None;

    /// <remarks>Strictly lower each time: a result that holds steady breaks the run.</remarks>
    public bool IsFallingTwoPointsInARow =>
        Points.Count >= 3 && Points[^1].Value < Points[^2].Value && Points[^2].Value < Points[^3].Value;
}

/// <summary>A problem with one input row that kept it out of the progress figures; the rest still count.</summary>
public sealed record ProgressIssue(string PupilId, string Subject, string? Point, string Message)
{
    public override string ToString() => Point is null ? $"{PupilId} {Subject}: {Message}" : $"{PupilId} {Subject} {Point}: {Message}";
}

/// <summary>Progress per pupil and subject, with the rows that could not be used.</summary>
public sealed record ProgressResult(EquatableList<SubjectProgress> Subjects, EquatableList<ProgressIssue> Issues);
