using System.Globalization;

namespace ProgressFunctions.Core.Schools;

/// <summary>The consistency checks a school calendar must pass, each naming the dates that are wrong.</summary>
internal static class CalendarRules
{
    public static List<string> Check(IReadOnlyList<Term> orderedTerms, IReadOnlyList<DateOnly> insetDays)
    {
        var errors = new List<string>();
        if (orderedTerms.Count == 0)
        {
            errors.Add("the calendar has no terms");
            return errors;
        }

        foreach (var term in orderedTerms)
        {
            CheckTerm(term, errors);
        }

        for (var i = 1; i < orderedTerms.Count; i++)
        {
            var (a, b) = (orderedTerms[i - 1], orderedTerms[i]);
            if (a.Range.Overlaps(b.Range))
            {
                errors.Add(Invariant($"{a} ({a.Range}) overlaps {b} ({b.Range})"));
            }
        }

        foreach (var day in insetDays.Where(d => !orderedTerms.Any(t => t.Range.Contains(d))))
        {
            errors.Add(Invariant($"INSET day {day:yyyy-MM-dd} is outside every term"));
        }

        return errors;
    }

    private static void CheckTerm(Term term, List<string> errors)
    {
        if (term.End < term.Start)
        {
            errors.Add(Invariant($"{term} ends on {term.End:yyyy-MM-dd}, before it starts on {term.Start:yyyy-MM-dd}"));
            return;
        }

        if (AcademicYear.Containing(term.End) != term.Year)
        {
            errors.Add(Invariant($"{term} ({term.Range}) runs past 31 July into the next academic year"));
        }

        if (term.HalfTerm is { } half)
        {
            if (half.End < half.Start)
            {
                errors.Add(Invariant($"{term} half term ends on {half.End:yyyy-MM-dd}, before it starts on {half.Start:yyyy-MM-dd}"));
            }
            else if (!term.Range.Contains(half.Start) || !term.Range.Contains(half.End))
            {
                errors.Add(Invariant($"{term} half term ({half}) is not inside the term ({term.Range})"));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
