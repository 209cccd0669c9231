namespace ProgressFunctions.Core.Schools;

/// <summary>
/// A typical English term pattern for an academic year: 195 days of which 5 are INSET, so 190 pupil days
/// (380 sessions). Used by the synthetic school and by tests; real schools load their own dates from
/// <c>school.json</c>.
/// </summary>
/// <remarks>
/// Autumn from the first Monday of September (two INSET days) to the last Friday before 21 December, with the last
/// full week of October as half term. Spring from the first Monday after 1 January (one INSET day), half term from
/// the first Monday after 14 February, ending a week before Good Friday; the Easter holiday is the week of Good Friday
/// and the week of Easter Monday. Summer from the Monday after that, with half term in the week of the spring bank
/// holiday, ending once the year reaches 195 days (two INSET days at the end).
/// </remarks>
public static class TypicalCalendar
{
    public const int DaysPerYear = 195;

    public static (IReadOnlyList<Term> Terms, IReadOnlyList<DateOnly> InsetDays) For(AcademicYear year, BankHolidays bankHolidays)
    {
        var y = year.StartYear;
        var autumnStart = FirstOnOrAfter(new DateOnly(y, 9, 1), DayOfWeek.Monday);
        var autumnEnd = LastOnOrBefore(new DateOnly(y, 12, 20), DayOfWeek.Friday);
        var octHalf = LastOnOrBefore(new DateOnly(y, 10, 31), DayOfWeek.Monday);
        var autumn = new Term(TermName.Autumn, autumnStart, autumnEnd, new DateRange(octHalf, octHalf.AddDays(6)));

        var springStart = FirstOnOrAfter(new DateOnly(y + 1, 1, 2), DayOfWeek.Monday);
        while (bankHolidays.Contains(springStart))
        {
            springStart = springStart.AddDays(1);   // a substitute New Year holiday
        }

        var febHalf = FirstOnOrAfter(new DateOnly(y + 1, 2, 15), DayOfWeek.Monday);
        // Easter holiday: the week of Good Friday and the week of Easter Monday.
        var goodFriday = Easter.Sunday(y + 1).AddDays(-2);
        var springEnd = goodFriday.AddDays(-7);
        var spring = new Term(TermName.Spring, springStart, springEnd, new DateRange(febHalf, febHalf.AddDays(6)));
        var summerStart = Easter.Sunday(y + 1).AddDays(8);

        var springBank = LastOnOrBefore(new DateOnly(y + 1, 5, 31), DayOfWeek.Monday);
        var summerHalf = new DateRange(springBank, springBank.AddDays(6));
        var inset = new List<DateOnly> { autumnStart, autumnStart.AddDays(1), springStart };

        var days = CountDays(autumn, bankHolidays) + CountDays(spring, bankHolidays);
        var summerEnd = summerStart;
        var summer = new Term(TermName.Summer, summerStart, summerEnd, summerHalf);
        while (days + CountDays(summer, bankHolidays) < DaysPerYear)
        {
            summerEnd = summerEnd.AddDays(1);
            summer = summer with { End = summerEnd };
        }

        inset.Add(LastWeekdayBefore(summerEnd, bankHolidays));
        inset.Add(summerEnd);
        return ([autumn, spring, summer], inset);
    }

    /// <summary>A ready calendar for consecutive academic years.</summary>
    public static SchoolCalendar Build(AcademicYear first, int years, BankHolidays bankHolidays)
    {
        var terms = new List<Term>();
        var inset = new List<DateOnly>();
        for (var i = 0; i < years; i++)
        {
            var (t, d) = For(new AcademicYear(first.StartYear + i), bankHolidays);
            terms.AddRange(t);
            inset.AddRange(d);
        }

        return SchoolCalendar.Create(terms, inset, bankHolidays).GetValueOrThrow();
    }

    private static int CountDays(Term term, BankHolidays bankHolidays) =>
        term.Range.Dates().Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            && !(term.HalfTerm is { } h && h.Contains(d)) && !bankHolidays.Contains(d));

    private static DateOnly LastWeekdayBefore(DateOnly date, BankHolidays bankHolidays)
    {
        var d = date.AddDays(-1);
        while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || bankHolidays.Contains(d))
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    private static DateOnly FirstOnOrAfter(DateOnly date, DayOfWeek day) => date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);

    private static DateOnly LastOnOrBefore(DateOnly date, DayOfWeek day) => date.AddDays(-(((int)date.DayOfWeek - (int)day + 7) % 7));
}
