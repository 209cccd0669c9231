using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Synthetic;

/// <summary>Session marks with the patterns attendance officers see: illness spells, Friday afternoons, lateness, holidays.</summary>
/// <remarks>
/// Only single-character codes are emitted so that the CTF per-session mark string carries every mark. Absences in the
/// last five school days up to as-of stay <c>N</c> (reason not yet known) for about half the pupils; older ones have
/// been resolved to a reason.
/// </remarks>
internal static class AttendancePattern
{
    private static readonly AttendanceCode s_am = AttendanceCode.PresentAm;
    private static readonly AttendanceCode s_pm = AttendanceCode.PresentPm;
    private static readonly AttendanceCode s_late = AttendanceCode.LateBeforeClose;
    private static readonly AttendanceCode s_lateAfter = AttendanceCode.LateAfterClose;
    private static readonly AttendanceCode s_illness = AttendanceCode.Illness;
    private static readonly AttendanceCode s_unknown = AttendanceCode.NotYetKnown;
    private static readonly AttendanceCode s_other = AttendanceCode.UnauthorisedOther;
    private static readonly AttendanceCode s_holiday = AttendanceCode.HolidayNotAgreed;
    private static readonly AttendanceCode s_medical = AttendanceCode.Medical;
    private static readonly AttendanceCode s_visit = AttendanceCode.Parse("V");

    public static IEnumerable<SessionMark> Marks(Pupil pupil, PupilTraits traits, SchoolCalendar calendar, GeneratorOptions options)
    {
        var random = new Random(traits.Seed);
        var first = pupil.AdmissionDate is { } admitted ? calendar.DaysBefore(admitted) : 0;
        var last = calendar.DaysUpTo(options.AsOf);
        var recent = Math.Max(first, last - 5);
        var holidayStart = traits.TermTimeHoliday ? first + random.Next(Math.Max(1, last - first - 5)) : -1;
        var spell = 0;
        var tripDay = random.Next(Math.Max(1, last));
        for (var day = first; day < last; day++)
        {
            var date = calendar.DayAt(day);
            AttendanceCode am, pm;
            if (day >= holidayStart && day < holidayStart + 5)
            {
                (am, pm) = (s_holiday, s_holiday);
            }
            else if (spell > 0 || random.NextDouble() < traits.AbsenceRate / (2 - traits.AbsenceRate))
            {
                // Absence comes in spells of one to three days (two on average, hence the start probability f / (2 - f)).
                spell = spell > 0 ? spell - 1 : random.Next(3);
                var reason = day >= recent && traits.Seed % 2 == 0 ? s_unknown
                    : random.NextDouble() switch { < 0.75 => s_illness, < 0.85 => s_medical, _ => s_other };
                (am, pm) = (reason, reason);
            }
            else
            {
                am = random.NextDouble() < traits.LateRate ? (random.NextDouble() < 0.15 ? s_lateAfter : s_late) : s_am;
                pm = traits.FridayAfternoons && date.DayOfWeek == DayOfWeek.Friday && random.NextDouble() < 0.6 ? s_other : s_pm;
                if (day == tripDay)
                {
                    (am, pm) = (s_visit, s_visit);
                }
            }

            int? minutes = am == s_late || am == s_lateAfter ? 5 + random.Next(am == s_late ? 20 : 40) : null;
            yield return new SessionMark(pupil.Id, date, SessionOfDay.Am, am, minutes);
            yield return new SessionMark(pupil.Id, date, SessionOfDay.Pm, pm);
        }
    }
}
