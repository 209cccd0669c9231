using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Attendance;

/// <summary>A pupil at the national penalty-notice threshold, with the unauthorised sessions that count towards it.</summary>
public sealed record PenaltyThresholdCase(string PupilId, RollingUnauthorisedCount Count, IReadOnlyList<SessionMark> Sessions);

/// <summary>A continuous absence of 10 or more school days, with its marks: the evidence for the local authority.</summary>
/// <remarks>
/// <see cref="Open"/>: the spell runs to the last day measured (the pupil is still absent). <see cref="Codes"/> counts
/// its sessions by code, most first. <see cref="DaysWithoutPermission"/> is the most school days in a row within the
/// spell on which every absence was unauthorised (G, N, O, U): the regulations' "absent without the school's
/// permission" that a school must notify to the local authority from 10 days; an illness or leave day breaks the run.
/// </remarks>
public sealed record ContinuousAbsenceCase(string PupilId, AbsenceSpell Spell, bool Open, IReadOnlyList<(string Code, int Sessions)> Codes, int DaysWithoutPermission);

/// <summary>The pupils the law asks schools to act on, each with the evidence: the attendance officer's weekly lists.</summary>
/// <remarks>
/// The penalty-notice threshold is the national framework's: 10 sessions of unauthorised absence within 10 school
/// weeks, here the 10 school weeks ending on the day measured (<see cref="AttendanceMeasures.RollingUnauthorised"/>,
/// across holidays and terms). A continuous absence is a run of school days on which the pupil missed every possible
/// session (<see cref="AbsenceSpell"/>); schools must tell the local authority of a pupil absent without the school's
/// permission for 10 or more school days in a row (<see cref="ContinuousAbsenceCase.DaysWithoutPermission"/>). Both are measured to <c>measuredOn</c>, the latest complete register.
/// </remarks>
public static class StatutoryLists
{
    public static PenaltyThresholdCase? PenaltyThreshold(PupilRegister register, DateOnly measuredOn, AttendanceRules rules)
    {
        var count = AttendanceMeasures.RollingUnauthorised(register, measuredOn, rules.RollingWeeks, rules.PenaltyThresholdSessions);
        if (!count.ReachesThreshold)
        {
            return null;
        }

        var (from, to) = register.Calendar.DayIndexes(new DateRange(count.WindowStart, measuredOn));
        return new PenaltyThresholdCase(register.PupilId, count, [.. Marks(register, from, to).Where(m => m.Code.Category == AttendanceCategory.UnauthorisedAbsence)]);
    }

    /// <summary>The spells of at least <paramref name="minimumDays"/> school days this year that ran on or after <paramref name="since"/>, oldest first.</summary>
    public static IReadOnlyList<ContinuousAbsenceCase> ContinuousAbsences(PupilRegister register, DateOnly measuredOn, DateOnly since, int minimumDays)
    {
        var calendar = register.Calendar;
        var upTo = calendar.DaysUpTo(measuredOn);
        var lastDay = upTo == 0 ? (DateOnly?)null : calendar.DayAt(upTo - 1);
        return [.. AttendanceMeasures.Spells(register, AttendanceMeasures.YearToDateRange(measuredOn))
            .Where(s => s.SchoolDays >= minimumDays && s.Last >= since)
            .Select(s =>
            {
                var (from, to) = calendar.DayIndexes(new DateRange(s.First, s.Last));
                var codes = Marks(register, from, to).Where(m => m.Code.Category.IsAbsence())
                    .GroupBy(m => m.Code.Code, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))
                    .OrderByDescending(c => c.Item2).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
                return new ContinuousAbsenceCase(register.PupilId, s, s.Last == lastDay, codes, DaysWithoutPermission(register, from, to));
            })];
    }

    /// <summary>The longest run of days in [<paramref name="fromDay"/>, <paramref name="toDay"/>) whose absences were all unauthorised; days with no possible session are passed over, as in a spell.</summary>
    private static int DaysWithoutPermission(PupilRegister register, int fromDay, int toDay)
    {
        int run = 0, longest = 0;
        for (var d = fromDay; d < toDay; d++)
        {
            var day = register.Totals(2 * d, (2 * d) + 2);
            if (day.Possible == 0)
            {
                continue;
            }

            run = day.Unauthorised == day.Possible ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static IEnumerable<SessionMark> Marks(PupilRegister register, int fromDay, int toDay)
    {
        for (var s = fromDay * 2; s < toDay * 2; s++)
        {
            if (register.MarkAt(s) is { } code)
            {
                yield return new SessionMark(register.PupilId, register.Calendar.DayAt(s / 2), (SessionOfDay)(s % 2), code);
            }
        }
    }
}
