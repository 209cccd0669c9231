namespace ProgressFunctions.Core.Progress;

/// <summary>The straight line a pupil is expected to follow from their baseline to their target over a course.</summary>
/// <remarks>
/// <see cref="Start"/> and <see cref="End"/> are both inclusive: on the start date the expected value is
/// <see cref="Baseline"/>, on the end date it is <see cref="Target"/>, and in between it moves in proportion to the
/// calendar days elapsed (not school days: a course is planned in calendar time, and holidays fall alike every year).
/// Before the start the expectation stays at the baseline; after the end it stays at the target. Values are in
/// scale points (<see cref="GradeScale.TryGetValue"/>) and exact decimals: a fraction such as 1/3 of the course
/// carries decimal's 28 significant digits, and nothing is rounded.
/// </remarks>
public sealed record FlightPath(decimal Baseline, decimal Target, DateOnly Start, DateOnly End)
{
    public decimal ExpectedAt(DateOnly date)
    {
        if (date <= Start)
        {
            // A course that starts and ends on one day expects the target on that day.
            return End <= Start && date == Start ? Target : Baseline;
        }

        if (date >= End)
        {
            return Target;
        }

        decimal elapsed = date.DayNumber - Start.DayNumber;
        decimal length = End.DayNumber - Start.DayNumber;
        return Baseline + ((Target - Baseline) * elapsed / length);
    }

    /// <summary>The flight path for a target, with the course and baseline filled in where the school left them out.</summary>
    /// <remarks>
    /// Course dates default to the academic year containing <paramref name="asOf"/> (1 August to 31 July, inclusive),
    /// because a target without a course is a target for the year. With no baseline value (the caller passes the
    /// school's baseline, else the pupil's first result of the course) the path is flat at the target: the pupil is
    /// simply measured against the target.
    /// </remarks>
    public static FlightPath For(Target target, decimal targetValue, decimal? baselineValue, DateOnly asOf)
    {
        var year = Schools.AcademicYear.Containing(asOf);
        return new FlightPath(baselineValue ?? targetValue, targetValue, target.CourseStart ?? year.Start, target.CourseEnd ?? year.End);
    }
}
