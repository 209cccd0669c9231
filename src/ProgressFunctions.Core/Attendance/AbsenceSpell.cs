namespace ProgressFunctions.Core.Attendance;

/// <summary>A continuous absence: consecutive school days on which the pupil missed every possible session.</summary>
/// <remarks>
/// <see cref="First"/> and <see cref="Last"/> are school days, both inclusive. Holidays, weekends and days with no
/// possible session (e.g. <c>Y4</c> site closure) neither break nor extend a spell; a day with any attendance, or with
/// no mark yet, ends it.
/// </remarks>
public sealed record AbsenceSpell(DateOnly First, DateOnly Last, int SchoolDays, int Sessions);

/// <summary>An <c>N</c> (reason not yet established) mark left unresolved for too long.</summary>
/// <remarks><see cref="AgeInSchoolDays"/> counts school days after the mark's date up to and including the as-of date.</remarks>
public sealed record OverdueUnexplainedMark(DateOnly Date, SessionOfDay Session, int AgeInSchoolDays);

/// <summary>Unauthorised sessions in the rolling window of school weeks ending on the as-of date.</summary>
/// <remarks>
/// The window runs from the Monday of the school week <c>Weeks - 1</c> school weeks before the as-of date's school
/// week, to the as-of date (inclusive), skipping holidays and running across terms and academic years as far as the
/// calendar goes. <see cref="Weeks"/> is smaller than asked when the calendar starts later. It starts no earlier than the
/// day the pupil reached compulsory school age (<see cref="PupilRegister.CompulsoryFrom"/>): for a child not yet of that
/// age it starts after the as-of date and counts nothing.
/// </remarks>
public sealed record RollingUnauthorisedCount(DateOnly WindowStart, DateOnly WindowEnd, int Weeks, int UnauthorisedSessions, int Threshold)
{
    public bool ReachesThreshold => UnauthorisedSessions >= Threshold;
}

public enum TrendDirection
{
    Steady,
    Improving,
    Declining,
}

/// <summary>Attendance over the last few school weeks compared with the year to date.</summary>
/// <remarks><see cref="ChangePoints"/> = recent rate - year-to-date rate, in percentage points, exact; null when either has no possible sessions.</remarks>
public sealed record AttendanceTrend(AttendanceTotals Recent, AttendanceTotals YearToDate, decimal? ChangePoints, TrendDirection Direction);
