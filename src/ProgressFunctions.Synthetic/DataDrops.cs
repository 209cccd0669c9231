using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>One assessment point of the year: its name (unique across years, "2025/26 Autumn 1"), its date, and whether it is the year's last.</summary>
internal sealed record DataDrop(string Name, DateOnly Date, bool EndOfYear = false);

/// <summary>When a school records results: a September baseline, then once each half term.</summary>
/// <remarks>
/// The baseline is on the 5th school day of the autumn term, before the start-of-autumn snapshot (after the 10th), so
/// that snapshot has results. Each half term's drop is 5 school days before its half-term break, and 12 school days
/// before the term ends, so that the end-of-term snapshot (10 school days before the end) includes it.
/// </remarks>
internal static class DataDrops
{
    public static IReadOnlyList<DataDrop> Of(SchoolCalendar calendar, AcademicYear year)
    {
        var drops = new List<DataDrop>();
        foreach (var term in calendar.TermsOf(year))
        {
            var name = term.Name.ToString();
            if (term.Name == TermName.Autumn && calendar.NthSchoolDay(term, 5) is { } baseline)
            {
                drops.Add(new($"{year} Baseline", baseline));
            }

            if (term.HalfTerm is { } half && calendar.DaysBefore(half.Start) - 5 is var index && index >= 0 && calendar.DayAt(index) >= term.Start)
            {
                drops.Add(new($"{year} {name} 1", calendar.DayAt(index)));
            }

            if (calendar.SchoolDayBeforeEnd(term, 12) is { } late)
            {
                drops.Add(new($"{year} {name} 2", late, term.Name == TermName.Summer));
            }
        }

        return [.. drops.OrderBy(d => d.Date)];
    }
}
