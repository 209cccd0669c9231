namespace ProgressFunctions.Core.Schools;

/// <summary>
/// A school's own calendar: its terms, half-term breaks, INSET days and the bank holidays, giving the pupil days
/// ("school days") that carry two register sessions each. It may span several academic years, so that rolling
/// windows run across 31 July.
/// </summary>
/// <remarks>
/// A school day is a weekday inside a term that is not in its half-term break, not a bank holiday and not an INSET
/// day. School days are numbered 0..<see cref="SchoolDayCount"/>-1 in date order; session <c>2d</c> is the morning
/// and <c>2d+1</c> the afternoon of day <c>d</c>. A school week is a Monday-to-Sunday week with at least one school
/// day. Build one with <see cref="Create"/>, which rejects an inconsistent definition.
/// </remarks>
public sealed class SchoolCalendar
{
    private readonly DateOnly _origin;
    private readonly int[] _dayIndexByOffset;   // -1 when the date is not a school day
    private readonly DateOnly[] _days;
    private readonly int[] _weekOfDay;
    private readonly int[] _weekFirstDay;
    private readonly HashSet<DateOnly> _inset;

    private SchoolCalendar(IReadOnlyList<Term> terms, IEnumerable<DateOnly> insetDays, BankHolidays bankHolidays)
    {
        Terms = terms;
        BankHolidays = bankHolidays;
        _inset = [.. insetDays];
        _origin = terms[0].Start;
        _dayIndexByOffset = new int[terms[^1].End.DayNumber - _origin.DayNumber + 1];
        Array.Fill(_dayIndexByOffset, -1);

        var days = new List<DateOnly>();
        foreach (var term in terms)
        {
            foreach (var date in term.Range.Dates().Where(d => IsPupilDayOf(term, d)))
            {
                _dayIndexByOffset[date.DayNumber - _origin.DayNumber] = days.Count;
                days.Add(date);
            }
        }

        _days = [.. days];
        (_weekOfDay, _weekFirstDay) = NumberWeeks(_days);
    }

    public IReadOnlyList<Term> Terms { get; }

    public BankHolidays BankHolidays { get; }

    public IReadOnlyCollection<DateOnly> InsetDays => _inset;

    public int SchoolDayCount => _days.Length;

    public int SessionCount => _days.Length * 2;

    public int SchoolWeekCount => _weekFirstDay.Length;

    public IReadOnlyList<DateOnly> SchoolDays => _days;

    public IEnumerable<AcademicYear> AcademicYears => Terms.Select(t => t.Year).Distinct();

    /// <summary>"school.json has 2025/26": the years the calendar holds terms for, for a message about a year it lacks.</summary>
    public string YearsHeld()
    {
        var held = string.Join(", ", AcademicYears.Order());
        return $"school.json has {(held.Length > 0 ? held : "none")}";
    }

    /// <summary>Builds a calendar, or says which dates are wrong.</summary>
    public static CalendarResult Create(IEnumerable<Term> terms, IEnumerable<DateOnly> insetDays, BankHolidays bankHolidays)
    {
        var ordered = terms.OrderBy(t => t.Start).ToList();
        var inset = insetDays.Distinct().Order().ToList();
        var errors = CalendarRules.Check(ordered, inset);
        return errors.Count > 0 ? new CalendarResult(null, errors) : new CalendarResult(new SchoolCalendar(ordered, inset, bankHolidays), []);
    }

    public bool IsSchoolDay(DateOnly date) => TryGetDayIndex(date, out _);

    public bool IsInsetDay(DateOnly date) => _inset.Contains(date);

    public bool TryGetDayIndex(DateOnly date, out int index)
    {
        var offset = date.DayNumber - _origin.DayNumber;
        index = offset >= 0 && offset < _dayIndexByOffset.Length ? _dayIndexByOffset[offset] : -1;
        return index >= 0;
    }

    public DateOnly DayAt(int index) => _days[index];

    /// <summary>The number of school days strictly before <paramref name="date"/>: the index of the first school day on or after it.</summary>
    public int DaysBefore(DateOnly date)
    {
        var i = Array.BinarySearch(_days, date);
        return i >= 0 ? i : ~i;
    }

    /// <summary>The number of school days on or before <paramref name="date"/>.</summary>
    public int DaysUpTo(DateOnly date) => DaysBefore(date.AddDays(1));

    /// <summary>School days from <paramref name="range"/>'s start to its end, both inclusive, as a half-open index range.</summary>
    public (int From, int To) DayIndexes(DateRange range) => (DaysBefore(range.Start), Math.Max(DaysBefore(range.Start), DaysUpTo(range.End)));

    public int CountSchoolDays(DateRange range)
    {
        var (from, to) = DayIndexes(range);
        return to - from;
    }

    public Term? TermOf(DateOnly date) => Terms.FirstOrDefault(t => t.Range.Contains(date));

    /// <summary>The terms of one academic year, in order.</summary>
    public IReadOnlyList<Term> TermsOf(AcademicYear year) => [.. Terms.Where(t => t.Year == year)];

    /// <summary>The <paramref name="n"/>th school day of <paramref name="term"/> (1-based), or null when the term is shorter.</summary>
    public DateOnly? NthSchoolDay(Term term, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var (from, to) = DayIndexes(term.Range);
        return from + n - 1 < to ? _days[from + n - 1] : null;
    }

    /// <summary>The school day <paramref name="n"/> school days before the last school day of <paramref name="term"/> (0 = the last day).</summary>
    public DateOnly? SchoolDayBeforeEnd(Term term, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var (from, to) = DayIndexes(term.Range);
        return to - 1 - n >= from ? _days[to - 1 - n] : null;
    }

    /// <summary>The school week (0-based) that school day <paramref name="dayIndex"/> falls in.</summary>
    public int WeekOfDay(int dayIndex) => _weekOfDay[dayIndex];

    /// <summary>The first school day index of school week <paramref name="week"/>.</summary>
    public int FirstDayOfWeek(int week) => _weekFirstDay[week];

    /// <summary>The Monday of school week <paramref name="week"/>.</summary>
    public DateOnly WeekMonday(int week) => MondayOf(_days[_weekFirstDay[week]]);

    /// <summary>School days in the academic year after <paramref name="asOf"/> (exclusive) to the year's end.</summary>
    public int SchoolDaysRemaining(DateOnly asOf) =>
        CountSchoolDays(new DateRange(asOf.AddDays(1), AcademicYear.Containing(asOf).End));

    internal static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private bool IsPupilDayOf(Term term, DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !(term.HalfTerm is { } half && half.Contains(date))
        && !BankHolidays.Contains(date)
        && !_inset.Contains(date);

    private static (int[] WeekOfDay, int[] WeekFirstDay) NumberWeeks(DateOnly[] days)
    {
        var weekOfDay = new int[days.Length];
        var firsts = new List<int>();
        for (var i = 0; i < days.Length; i++)
        {
            if (i == 0 || MondayOf(days[i]) != MondayOf(days[i - 1]))
            {
                firsts.Add(i);
            }

            weekOfDay[i] = firsts.Count - 1;
        }

        return (weekOfDay, [.. firsts]);
    }
}

/// <summary>A calendar, or the reasons one could not be built.</summary>
public sealed record CalendarResult(SchoolCalendar? Calendar, IReadOnlyList<string> Errors)
{
    public bool IsValid => Calendar is not null;

    /// <exception cref="InvalidOperationException">The definition was rejected; the message lists every reason.</exception>
    public SchoolCalendar GetValueOrThrow() =>
        Calendar ?? throw new InvalidOperationException("invalid school calendar: " + string.Join("; ", Errors));
}
