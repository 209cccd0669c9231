namespace ProgressFunctions.Core.Attendance;

/// <summary>The tunable parts of the attendance measures; the defaults follow DfE guidance and common LA practice.</summary>
/// <remarks>
/// <see cref="UnexplainedAfterSchoolDays"/>: an <c>N</c> mark is overdue once it is more than this many school days
/// old (LA advice: resolve within 5). <see cref="RollingWeeks"/> and <see cref="PenaltyThresholdSessions"/>: the
/// national penalty-notice framework (10 unauthorised sessions in any 10 school weeks). Patterns look at the last
/// <see cref="PatternLookback"/> occurrences of a weekday or session and need <see cref="PatternMinimumAbsent"/> of
/// them absent. <see cref="TrendWeeks"/>: the recent period compared with the year to date.
/// </remarks>
public sealed record AttendanceRules
{
    public static AttendanceRules Default { get; } = new();

    public int UnexplainedAfterSchoolDays { get; init; } = 5;
    public int RollingWeeks { get; init; } = 10;
    public int PenaltyThresholdSessions { get; init; } = 10;
    public int PatternLookback { get; init; } = 5;
    public int PatternMinimumAbsent { get; init; } = 3;
    public int TrendWeeks { get; init; } = 4;

    /// <summary>A change of at least this many percentage points between the recent and year-to-date rates is a trend.</summary>
    public decimal TrendThresholdPoints { get; init; } = 1.0m;
}
