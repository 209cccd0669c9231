namespace ProgressFunctions.Core.Attendance;

/// <summary>Finds repeated absence on a weekday, a weekday session, or one half of the day.</summary>
/// <remarks>
/// For each weekday (and each weekday session) the last <see cref="AttendanceRules.PatternLookback"/> occurrences
/// with a possible mark, up to the as-of date, are examined. A pattern needs at least
/// <see cref="AttendanceRules.PatternMinimumAbsent"/> absences among them and a rate at least three times the pupil's
/// year-to-date absence rate, so a pupil who is often absent on every day shows no "pattern" (that is overall
/// absence, reported as such, and chance alone often puts 3 of 5 on one weekday). A whole-day pattern hides the
/// session patterns of the same weekday. The AM/PM split compares the last <c>TrendWeeks * 5</c> mornings and
/// afternoons and is reported when one half has at least three times the absences of the other and at least twice
/// the minimum that weekday patterns do not already explain.
/// </remarks>
internal static class AbsencePatterns
{
    public static IReadOnlyList<AbsencePattern> Find(PupilRegister register, DateOnly asOf, AttendanceRules rules, AttendanceTotals yearToDate)
    {
        if (yearToDate.Absent == 0)
        {
            return [];
        }

        var calendar = register.Calendar;
        var upTo = calendar.DaysUpTo(asOf);
        var lookback = rules.PatternLookback;
        var days = new Occurrences[5];
        var slots = new Occurrences[10];
        var halves = new Occurrences[2];
        var halfLookback = rules.TrendWeeks * 5;
        for (var i = 0; i < 5; i++)
        {
            days[i] = new Occurrences(lookback);
            slots[2 * i] = new Occurrences(lookback);
            slots[(2 * i) + 1] = new Occurrences(lookback);
        }

        halves[0] = new Occurrences(halfLookback);
        halves[1] = new Occurrences(halfLookback);

        for (var d = upTo - 1; d >= 0 && !AllFull(days, slots, halves); d--)
        {
            var date = calendar.DayAt(d);
            var weekday = ((int)date.DayOfWeek + 6) % 7;
            var (possible, absent, _) = AttendanceMeasures.DayCounts(register, d);
            if (possible > 0)
            {
                days[weekday].Add(date, absent == possible);
            }

            for (var s = 0; s < 2; s++)
            {
                if (register.CategoryAt((d * 2) + s) is { } category && category.IsPossible())
                {
                    slots[(2 * weekday) + s].Add(date, category.IsAbsence());
                    halves[s].Add(date, category.IsAbsence());
                }
            }
        }

        var patterns = new List<AbsencePattern>();
        for (var i = 0; i < 5; i++)
        {
            var day = (DayOfWeek)((i + 1) % 7);
            if (IsNotable(days[i], rules, yearToDate))
            {
                patterns.Add(days[i].ToPattern(day, null));
                continue;
            }

            for (var s = 0; s < 2; s++)
            {
                if (IsNotable(slots[(2 * i) + s], rules, yearToDate))
                {
                    patterns.Add(slots[(2 * i) + s].ToPattern(day, (SessionOfDay)s));
                }
            }
        }

        AddHalfOfDay(patterns, halves, rules);
        return patterns;
    }

    private static void AddHalfOfDay(List<AbsencePattern> patterns, Occurrences[] halves, AttendanceRules rules)
    {
        for (var s = 0; s < 2; s++)
        {
            var (mine, other) = (halves[s], halves[1 - s]);
            var unexplained = mine.AbsentDates.Count(d => !patterns.Any(p => p.Day == d.DayOfWeek));
            if (unexplained >= 2 * rules.PatternMinimumAbsent && mine.Absent >= 3 * other.Absent)
            {
                patterns.Add(mine.ToPattern(null, (SessionOfDay)s));
            }
        }
    }

    private static bool IsNotable(Occurrences o, AttendanceRules rules, AttendanceTotals yearToDate) =>
        o.Absent >= rules.PatternMinimumAbsent
        && (long)o.Absent * yearToDate.Possible >= 3L * yearToDate.Absent * o.Count;

    private static bool AllFull(Occurrences[] days, Occurrences[] slots, Occurrences[] halves) =>
        Array.TrueForAll(days, o => o.IsFull) && Array.TrueForAll(slots, o => o.IsFull) && Array.TrueForAll(halves, o => o.IsFull);

    private sealed class Occurrences(int capacity)
    {
        private readonly List<DateOnly> _absentDates = [];

        public int Count { get; private set; }

        public int Absent => _absentDates.Count;

        public IReadOnlyList<DateOnly> AbsentDates => _absentDates;

        public bool IsFull => Count >= capacity;

        public void Add(DateOnly date, bool absent)
        {
            if (IsFull)
            {
                return;
            }

            Count++;
            if (absent)
            {
                _absentDates.Add(date);
            }
        }

        public AbsencePattern ToPattern(DayOfWeek? day, SessionOfDay? session) => new(day, session, Absent, Count, [.. _absentDates]);
    }
}
