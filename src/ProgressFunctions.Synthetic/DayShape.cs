using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>When in the year absence happens: multipliers per school day (and per session) with a mean of 1 over the year.</summary>
/// <remarks>
/// The shapes of DfE's weekly data for 2024/25: illness low in September, climbing to a December peak and high through
/// the winter, easing in the summer; the last days before a half term or holiday worse (for illness and more so for
/// other absence: holidays taken early, "the last day"); other absence higher from May; each term weighted by the
/// phase's <see cref="AbsenceProfile.ByTerm"/>; single-session
/// absence (appointments, afternoons off) concentrated on Friday afternoons. Each shape is scaled to a mean of 1 over
/// the calendar's school days, so a pupil's yearly propensity is kept and only moved around the year.
/// </remarks>
internal sealed class DayShape
{
    // By month, January first; August has no school days.
    private static readonly double[] s_illnessByMonth = [0, 1.15, 1.05, 1.0, 0.85, 0.8, 0.8, 0.85, 0.6, 0.6, 0.9, 1.0, 1.35];

    private DayShape(double[] illness, double[] other, double[] single)
    {
        Illness = illness;
        Other = other;
        Single = single;
    }

    /// <summary>Per school day: starting an illness spell.</summary>
    public double[] Illness { get; }

    /// <summary>Per school day: starting other whole-day absence (unauthorised, other authorised).</summary>
    public double[] Other { get; }

    /// <summary>Per session (day * 2 + AM/PM): a single session missed.</summary>
    public double[] Single { get; }

    public static DayShape For(SchoolCalendar calendar, AbsenceProfile profile)
    {
        var days = calendar.SchoolDayCount;
        var illness = new double[days];
        var other = new double[days];
        var single = new double[days * 2];
        for (var d = 0; d < days; d++)
        {
            var date = calendar.DayAt(d);
            var beforeBreak = DaysBeforeBreak(calendar, d) < 3;
            var term = calendar.TermOf(date)?.Name switch
            {
                TermName.Autumn => profile.ByTerm.Autumn,
                TermName.Spring => profile.ByTerm.Spring,
                _ => profile.ByTerm.Summer,
            };
            illness[d] = term * s_illnessByMonth[date.Month] * (beforeBreak ? 1.2 : 1);
            other[d] = term * (beforeBreak ? 1.8 : 1)
                * (date.Month is >= 5 and <= 7 ? 1.2 : 1)
                * date.DayOfWeek switch { DayOfWeek.Friday => 1.2, DayOfWeek.Monday => 1.1, _ => 1 };
            single[d * 2] = date.DayOfWeek == DayOfWeek.Monday ? 1.2 : 0.9;
            single[(d * 2) + 1] = date.DayOfWeek == DayOfWeek.Friday ? 2.2 : 0.9;
        }

        return new DayShape(Normalise(illness), Normalise(other), Normalise(single));
    }

    /// <summary>The school-day index of the last day before each half term or holiday within the year.</summary>
    public static IReadOnlyList<int> LastDaysBeforeBreaks(SchoolCalendar calendar) =>
        [.. Enumerable.Range(0, Math.Max(0, calendar.SchoolDayCount - 1)).Where(d => IsBeforeBreak(calendar, d))];

    private static bool IsBeforeBreak(SchoolCalendar calendar, int day) =>
        day + 1 == calendar.SchoolDayCount || calendar.DayAt(day + 1).DayNumber - calendar.DayAt(day).DayNumber > 4;

    /// <summary>School days left before the next break of more than a long weekend (0 on the last day before it).</summary>
    private static int DaysBeforeBreak(SchoolCalendar calendar, int day)
    {
        var k = 0;
        while (!IsBeforeBreak(calendar, day + k))
        {
            k++;
        }

        return k;
    }

    private static double[] Normalise(double[] values)
    {
        var mean = values.Length == 0 ? 1 : values.Average();
        return [.. values.Select(v => v / mean)];
    }
}
