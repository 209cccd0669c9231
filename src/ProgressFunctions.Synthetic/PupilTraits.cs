namespace ProgressFunctions.Synthetic;

/// <summary>The hidden habits that shape one pupil's synthetic data in one school year.</summary>
/// <param name="MarkSeed">Seeds the pupil's marks for the year.</param>
/// <param name="Propensity">The share of the year's possible sessions the pupil is expected to miss.</param>
/// <param name="UnauthorisedShare">The part of that absence that is unauthorised (before holidays and lateness).</param>
/// <param name="Severe">A severe absentee: long runs of absence, mostly unauthorised.</param>
/// <param name="FridayAfternoons">Often misses Friday afternoons.</param>
/// <param name="LateRate">The chance of arriving late on a morning the pupil attends.</param>
/// <param name="Holiday">A term-time holiday this year (<c>G</c>): first school-day index and length in school days.</param>
/// <param name="TripDay">A school-day index spent on an educational visit (<c>V</c>), if any.</param>
/// <param name="Momentum">How far ahead of (+) or behind (-) their flight path the pupil runs, in grades.</param>
/// <param name="HasTargets">False for the pupils the school has set no targets for (defaults fill in).</param>
/// <param name="ProgressGap">How far disadvantage and special needs hold the pupil back from their flight path, in GCSE grades (<see cref="PersonHabits.ProgressGap"/>).</param>
/// <param name="AbsenceGap">How far this year's absence holds the pupil back from their flight path, in grades (<see cref="PersonHabits.AbsenceGap"/>).</param>
internal sealed record PupilTraits(
    int MarkSeed,
    double Propensity,
    double UnauthorisedShare,
    bool Severe,
    bool FridayAfternoons,
    double LateRate,
    (int Start, int Days)? Holiday,
    int? TripDay,
    double Momentum,
    bool HasTargets,
    double ProgressGap,
    double AbsenceGap)
{
    /// <summary>This year's suspensions (<c>E</c>): each one's first school-day index and length in school days, in order; the incident is the school day before.</summary>
    public IReadOnlyList<(int Start, int Days)> Suspensions { get; init; } = [];
}
