using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>When the snapshots fall in a term, counted in school days (DESIGN.md section 5 gives the defaults).</summary>
/// <param name="StartAfterSchoolDays">The start-of-term baseline covers the term's first this-many school days.</param>
/// <param name="EndBeforeSchoolDays">The end-of-term snapshot leaves this many school days of the term after it.</param>
public sealed record SnapshotScheduleRules(int StartAfterSchoolDays = 10, int EndBeforeSchoolDays = 10)
{
    public static SnapshotScheduleRules Default { get; } = new();
}

/// <summary>A snapshot the calendar calls for, and the last day of data it includes.</summary>
/// <remarks>
/// <see cref="DataTo"/> is inclusive: the snapshot is taken "as of" the end of that school day, so it may be taken on
/// any later day (<see cref="IsReadyOn"/>), and a timer that missed a day catches up with the same result.
/// </remarks>
public sealed record DueSnapshot(Term Term, SnapshotPoint Point, DateOnly DataTo)
{
    public bool IsReadyOn(DateOnly today) => today > DataTo;

    public SnapshotKey KeyFor(string schoolId) => SnapshotKey.For(schoolId, Term, Point);
}

/// <summary>The snapshot dates a school calendar gives: a pure function of the calendar, used by the timer job.</summary>
/// <remarks>
/// Start: the data cut-off is the term's <c>StartAfterSchoolDays</c>-th school day (default the 10th), so the baseline
/// is taken after the first 10 school days. End: the cut-off is the school day with <c>EndBeforeSchoolDays</c> school
/// days of the term still after it (default 10), i.e. 10 school days before the term ends. School days exclude
/// weekends, half term, bank holidays and INSET days (<see cref="SchoolCalendar"/>). A term too short for a point has
/// no snapshot at it; a start point that would not fall before the end point is dropped, because a baseline taken
/// after the term's end-of-term snapshot says nothing new.
/// </remarks>
public static class SnapshotSchedule
{
    /// <summary>Every snapshot of the calendar, in date order (start before end on the same date).</summary>
    public static IReadOnlyList<DueSnapshot> For(SchoolCalendar calendar, SnapshotScheduleRules? rules = null)
    {
        rules ??= SnapshotScheduleRules.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.StartAfterSchoolDays, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rules.EndBeforeSchoolDays);
        var due = new List<DueSnapshot>();
        foreach (var term in calendar.Terms)
        {
            var start = calendar.NthSchoolDay(term, rules.StartAfterSchoolDays);
            var end = calendar.SchoolDayBeforeEnd(term, rules.EndBeforeSchoolDays);
            if (start is { } s && (end is null || s < end))
            {
                due.Add(new DueSnapshot(term, SnapshotPoint.Start, s));
            }

            if (end is { } e)
            {
                due.Add(new DueSnapshot(term, SnapshotPoint.End, e));
            }
        }

        return [.. due.OrderBy(d => d.DataTo).ThenBy(d => d.Point)];
    }

    /// <summary>The snapshots that can be taken on <paramref name="today"/>: every one whose data cut-off is before it.</summary>
    /// <remarks>The job takes each one that is not stored yet (create-if-absent), so a missed run is caught up.</remarks>
    public static IReadOnlyList<DueSnapshot> ReadyOn(SchoolCalendar calendar, DateOnly today, SnapshotScheduleRules? rules = null) =>
        [.. For(calendar, rules).Where(d => d.IsReadyOn(today))];

    /// <summary>The latest snapshot ready on <paramref name="today"/>, or null before the first one.</summary>
    public static DueSnapshot? LatestReadyOn(SchoolCalendar calendar, DateOnly today, SnapshotScheduleRules? rules = null) =>
        ReadyOn(calendar, today, rules).LastOrDefault();
}
