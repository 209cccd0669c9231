using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Attendance;

/// <summary>The per-pupil attendance measures, as pure functions of a register and an as-of date.</summary>
/// <remarks>
/// Marks after <c>asOf</c> are ignored, so a measure taken on a past date gives the answer that date would have
/// given. "Year to date" is from 1 August of the academic year containing <c>asOf</c> up to <c>asOf</c> inclusive.
/// </remarks>
public static class AttendanceMeasures
{
    public static PupilAttendanceSummary Summarise(PupilRegister register, DateOnly asOf, AttendanceRules rules)
    {
        var yearToDate = YearToDate(register, asOf);
        return new PupilAttendanceSummary(
            register.PupilId,
            asOf,
            yearToDate,
            ByCensusTerm(register, asOf),
            BySchoolTerm(register, asOf),
            Spells(register, YearToDateRange(asOf)),
            OverdueUnexplained(register, asOf, rules.UnexplainedAfterSchoolDays),
            RollingUnauthorised(register, asOf, rules.RollingWeeks, rules.PenaltyThresholdSessions),
            AbsencePatterns.Find(register, asOf, rules, yearToDate),
            Trend(register, asOf, rules),
            Runway(register, asOf, yearToDate));
    }

    public static DateRange YearToDateRange(DateOnly asOf) => new(AcademicYear.Containing(asOf).Start, asOf);

    public static AttendanceTotals YearToDate(PupilRegister register, DateOnly asOf) => register.Totals(YearToDateRange(asOf));

    public static IReadOnlyList<CensusTermTotals> ByCensusTerm(PupilRegister register, DateOnly asOf)
    {
        var year = AcademicYear.Containing(asOf);
        return [.. Enum.GetValues<CensusTerm>()
            .Select(t => (Term: t, Range: CensusTerms.Range(year, t)))
            .Where(t => t.Range.Start <= asOf)
            .Select(t => new CensusTermTotals(t.Term, register.Totals(t.Range.Intersect(YearToDateRange(asOf)))))];
    }

    public static IReadOnlyList<SchoolTermTotals> BySchoolTerm(PupilRegister register, DateOnly asOf) =>
        [.. register.Calendar.TermsOf(AcademicYear.Containing(asOf))
            .Where(t => t.Start <= asOf)
            .Select(t => new SchoolTermTotals(t, register.Totals(t.Range.Intersect(YearToDateRange(asOf)))))];

    public static IReadOnlyList<AbsenceSpell> Spells(PupilRegister register, DateRange range)
    {
        var calendar = register.Calendar;
        var (from, to) = calendar.DayIndexes(range);
        var spells = new List<AbsenceSpell>();
        int start = -1, last = -1, days = 0, sessions = 0;
        for (var d = from; d < to; d++)
        {
            var (possible, absent, marked) = DayCounts(register, d);
            if (marked && possible == 0)
            {
                continue;
            }

            if (marked && absent == possible)
            {
                start = start < 0 ? d : start;
                last = d;
                days++;
                sessions += absent;
                continue;
            }

            Close();
        }

        Close();
        return spells;

        void Close()
        {
            if (start >= 0)
            {
                spells.Add(new AbsenceSpell(calendar.DayAt(start), calendar.DayAt(last), days, sessions));
            }

            (start, last, days, sessions) = (-1, -1, 0, 0);
        }
    }

    public static IReadOnlyList<OverdueUnexplainedMark> OverdueUnexplained(PupilRegister register, DateOnly asOf, int afterSchoolDays)
    {
        var calendar = register.Calendar;
        var (from, to) = calendar.DayIndexes(YearToDateRange(asOf));
        var overdue = new List<OverdueUnexplainedMark>();
        var notYetKnown = AttendanceCode.NotYetKnown;
        for (var d = from; d < to; d++)
        {
            var age = to - 1 - d;
            if (age <= afterSchoolDays)
            {
                break;
            }

            for (var s = 0; s < 2; s++)
            {
                if (register.MarkAt((d * 2) + s) == notYetKnown)
                {
                    overdue.Add(new OverdueUnexplainedMark(calendar.DayAt(d), (SessionOfDay)s, age));
                }
            }
        }

        return overdue;
    }

    public static RollingUnauthorisedCount RollingUnauthorised(PupilRegister register, DateOnly asOf, int weeks, int threshold)
    {
        var calendar = register.Calendar;
        var upTo = calendar.DaysUpTo(asOf);
        if (upTo == 0)
        {
            return new RollingUnauthorisedCount(asOf, asOf, 0, 0, threshold);
        }

        var lastWeek = calendar.WeekOfDay(upTo - 1);
        var firstWeek = Math.Max(0, lastWeek - weeks + 1);
        var (firstDay, windowStart) = (calendar.FirstDayOfWeek(firstWeek), calendar.WeekMonday(firstWeek));
        if (register.CompulsoryFrom is { } compulsory && compulsory > windowStart)
        {
            // Absence before compulsory school age is no parent's offence: the window starts when the child reached it.
            (firstDay, windowStart) = (Math.Min(upTo, calendar.DaysBefore(compulsory)), compulsory);
        }

        var totals = register.Totals(firstDay * 2, upTo * 2);
        return new RollingUnauthorisedCount(windowStart, asOf, lastWeek - firstWeek + 1, totals.Unauthorised, threshold);
    }

    public static AttendanceTrend Trend(PupilRegister register, DateOnly asOf, AttendanceRules rules)
    {
        var calendar = register.Calendar;
        var yearToDate = YearToDate(register, asOf);
        var upTo = calendar.DaysUpTo(asOf);
        var yearFirst = calendar.DaysBefore(AcademicYear.Containing(asOf).Start);
        var recent = AttendanceTotals.Zero;
        if (upTo > yearFirst)
        {
            var firstWeek = Math.Max(0, calendar.WeekOfDay(upTo - 1) - rules.TrendWeeks + 1);
            recent = register.Totals(Math.Max(calendar.FirstDayOfWeek(firstWeek), yearFirst) * 2, upTo * 2);
        }

        var change = recent.AttendanceRate - yearToDate.AttendanceRate;
        var direction = change >= rules.TrendThresholdPoints ? TrendDirection.Improving
            : change <= -rules.TrendThresholdPoints ? TrendDirection.Declining
            : TrendDirection.Steady;
        return new AttendanceTrend(recent, yearToDate, change, direction);
    }

    public static PersistentAbsenceRunway Runway(PupilRegister register, DateOnly asOf, AttendanceTotals yearToDate)
    {
        var remaining = register.Calendar.SchoolDaysRemaining(asOf) * 2;
        return new PersistentAbsenceRunway(
            remaining,
            yearToDate.Possible,
            yearToDate.Absent,
            Missable(yearToDate.Possible, yearToDate.Absent, remaining, 1, 10),
            Missable(yearToDate.Possible, yearToDate.Absent, remaining, 1, 2));
    }

    /// <summary>The most further absences k (0..remaining) with (absent + k) / (possible + remaining) &lt; num/den; null when none.</summary>
    internal static int? Missable(int possible, int absent, int remaining, int numerator, int denominator)
    {
        long total = possible + remaining;
        if (total == 0)
        {
            return remaining;
        }

        // Smallest year-end absence that reaches the threshold: ceil(total * num / den), in integers.
        var reaching = ((total * numerator) + denominator - 1) / denominator;
        var k = reaching - 1 - absent;
        return k < 0 ? null : (int)Math.Min(k, remaining);
    }

    /// <summary>Possible and absent sessions on school day <paramref name="day"/>, and whether any session is marked.</summary>
    internal static (int Possible, int Absent, bool Marked) DayCounts(PupilRegister register, int day)
    {
        int possible = 0, absent = 0;
        var marked = false;
        for (var s = 0; s < 2; s++)
        {
            if (register.CategoryAt((day * 2) + s) is { } category)
            {
                marked = true;
                possible += category.IsPossible() ? 1 : 0;
                absent += category.IsAbsence() ? 1 : 0;
            }
        }

        return (possible, absent, marked);
    }
}

public sealed record CensusTermTotals(CensusTerm Term, AttendanceTotals Totals);

public sealed record SchoolTermTotals(Term Term, AttendanceTotals Totals);

/// <summary>Every per-pupil measure as of one date.</summary>
public sealed record PupilAttendanceSummary(
    string PupilId,
    DateOnly AsOf,
    AttendanceTotals YearToDate,
    IReadOnlyList<CensusTermTotals> ByCensusTerm,
    IReadOnlyList<SchoolTermTotals> BySchoolTerm,
    IReadOnlyList<AbsenceSpell> Spells,
    IReadOnlyList<OverdueUnexplainedMark> OverdueUnexplained,
    RollingUnauthorisedCount RollingUnauthorised,
    IReadOnlyList<AbsencePattern> Patterns,
    AttendanceTrend Trend,
    PersistentAbsenceRunway Runway)
{
    public AttendanceBand? Band => YearToDate.Band;
}
