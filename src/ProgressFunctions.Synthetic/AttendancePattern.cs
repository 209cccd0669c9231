using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>One pupil's session marks for the year up to the as-of date, with the patterns attendance officers see.</summary>
/// <remarks>
/// <para>
/// Day by day from the pupil's first day on roll: a term-time holiday (<c>G</c>) on the days the pupil's traits name,
/// and only then; illness spells of one to five days (<c>I</c>), more in winter and before breaks; other whole days off,
/// unauthorised (<c>O</c>) or authorised (<c>C</c>); single sessions for medical
/// appointments (<c>M</c>) or unauthorised (<c>O</c>), most on Friday afternoons; a habit of missing Friday afternoons
/// for a few; late arrivals, <c>L</c> (before the register closed, 2-25 minutes) or <c>U</c> (after, 31-75 minutes),
/// with the minutes in the attendance file; an educational visit (<c>V</c>) for some; suspensions (<c>E</c>, whole
/// days, <see cref="PupilTraits.Suspensions"/>) for a few. The expected shares follow the
/// pupil's propensity and unauthorised share; the day shapes move them around the year without changing the total.
/// </para>
/// <para>
/// The marks of a day do not depend on the as-of date, only on the pupil and the year, so a later export extends an
/// earlier one, with one exception: an absence in the last five school days up to the as-of date may still be <c>N</c>
/// (no reason yet), more likely the more recent it is; the school resolves it later to the reason drawn here. Only
/// single-character codes are written, so that the CTF per-session mark string carries every mark.
/// </para>
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
    private static readonly AttendanceCode s_authorisedOther = AttendanceCode.Parse("C");
    private static readonly AttendanceCode s_visit = AttendanceCode.Parse("V");
    private static readonly AttendanceCode s_suspended = AttendanceCode.Parse("E");

    // The chance that an absence this many school days before the export still has no reason (0 = the as-of day).
    private static readonly double[] s_unresolved = [0.75, 0.5, 0.3, 0.15, 0.08];

    public static IEnumerable<SessionMark> Marks(Pupil pupil, PupilTraits traits, SchoolCalendar calendar, DayShape shape, DateOnly asOf)
    {
        var random = new Random(traits.MarkSeed);
        var rates = Rates.Of(traits);
        var first = pupil.AdmissionDate is { } admitted ? calendar.DaysBefore(admitted) : 0;
        var last = calendar.DaysUpTo(asOf);
        var spell = (Days: 0, Code: s_illness);
        for (var day = first; day < last; day++)
        {
            var date = calendar.DayAt(day);
            AttendanceCode am, pm;
            int? minutes = null;
            if (traits.Holiday is { } h && day >= h.Start && day < h.Start + h.Days)
            {
                (am, pm) = (s_holiday, s_holiday);
            }
            else if (spell.Days > 0 || (spell = NewSpell(random, rates, shape, day)).Days > 0)
            {
                spell.Days--;
                (am, pm) = (spell.Code, spell.Code);
            }
            else if (day == traits.TripDay)
            {
                (am, pm) = (s_visit, s_visit);
            }
            else
            {
                (am, minutes) = Morning(random, traits, rates, shape.Single[day * 2]);
                pm = Afternoon(random, traits, rates, shape.Single[(day * 2) + 1], date);
            }

            // Drawn above all the same, so the rest of the year's marks are as they would be without the suspension.
            if (traits.Suspensions.Any(s => day >= s.Start && day < s.Start + s.Days))
            {
                yield return new SessionMark(pupil.Id, date, SessionOfDay.Am, s_suspended);
                yield return new SessionMark(pupil.Id, date, SessionOfDay.Pm, s_suspended);
                continue;
            }

            yield return new SessionMark(pupil.Id, date, SessionOfDay.Am, Resolve(am, traits, day, SessionOfDay.Am, last), minutes);
            yield return new SessionMark(pupil.Id, date, SessionOfDay.Pm, Resolve(pm, traits, day, SessionOfDay.Pm, last));
        }
    }

    private static (int Days, AttendanceCode Code) NewSpell(Random random, Rates rates, DayShape shape, int day)
    {
        var roll = random.NextDouble();
        var illness = rates.IllnessStart * shape.Illness[day];
        if (roll < illness)
        {
            return (random.NextDouble() switch { < 0.35 => 1, < 0.65 => 2, < 0.82 => 3, < 0.9 => 4, _ => 5 }, s_illness);
        }

        if (roll < illness + (rates.OtherStart * shape.Other[day]))
        {
            var kind = random.NextDouble();
            var code = kind < rates.OtherUnauthorised ? s_other : s_authorisedOther;
            var days = rates.LongSpells ? 3 + random.Next(8) : random.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => 3 };
            return (days, code);
        }

        return (0, s_illness);
    }

    private static (AttendanceCode, int?) Morning(Random random, PupilTraits traits, Rates rates, double shape)
    {
        if (random.NextDouble() < traits.LateRate)
        {
            var after = random.NextDouble() < 0.15;
            var spread = random.NextDouble();
            return after ? (s_lateAfter, 31 + (int)(44 * spread)) : (s_late, 2 + (int)(23 * spread * spread));
        }

        return (Single(random, rates, shape) ?? s_am, null);
    }

    private static AttendanceCode Afternoon(Random random, PupilTraits traits, Rates rates, double shape, DateOnly date)
    {
        if (traits.FridayAfternoons && date.DayOfWeek == DayOfWeek.Friday && random.NextDouble() < 0.5)
        {
            return s_other;
        }

        return Single(random, rates, shape) ?? s_pm;
    }

    private static AttendanceCode? Single(Random random, Rates rates, double shape) =>
        random.NextDouble() < rates.Single * shape ? (random.NextDouble() < rates.SingleMedical ? s_medical : s_other) : null;

    /// <summary>A recent absence may still be <c>N</c>; a late, an appointment or a holiday already has its reason.</summary>
    private static AttendanceCode Resolve(AttendanceCode code, PupilTraits traits, int day, SessionOfDay session, int last)
    {
        var age = last - 1 - day;
        if (age >= s_unresolved.Length || !(code == s_illness || code == s_other || code == s_authorisedOther))
        {
            return code;
        }

        return Seeds.Uniform(traits.MarkSeed, day, (int)session) < s_unresolved[age] ? s_unknown : code;
    }

    /// <summary>The per-day and per-session chances that realise a pupil's propensity (see <see cref="AbsenceProfile"/>).</summary>
    /// <remarks>
    /// Spells start only on days not already lost, so a start chance is the wanted share of days divided by the mean
    /// spell length and by the share of days left: f / (L (1 - F)), F the share lost to whole days.
    /// </remarks>
    private sealed record Rates(double IllnessStart, double OtherStart, double OtherUnauthorised, bool LongSpells, double Single, double SingleMedical)
    {
        private const double IllnessSpellDays = 2.28;

        public static Rates Of(PupilTraits traits)
        {
            var authorised = traits.Propensity * (1 - traits.UnauthorisedShare);
            var unauthorised = traits.Propensity * traits.UnauthorisedShare;
            var illness = authorised * AbsenceProfile.IllnessShare;
            var medical = authorised * AbsenceProfile.MedicalShare;
            var otherAuthorised = authorised - illness - medical;
            var otherUnauthorised = unauthorised * AbsenceProfile.UnauthorisedWholeDays;
            var singleUnauthorised = unauthorised - otherUnauthorised;
            var wholeDays = illness + otherAuthorised + otherUnauthorised;
            var left = Math.Max(0.1, 1 - wholeDays);
            var otherSpellDays = traits.Severe ? 6.5 : 1.4;
            var other = otherAuthorised + otherUnauthorised;
            return new Rates(
                IllnessStart: illness / (IllnessSpellDays * left),
                OtherStart: other / (otherSpellDays * left),
                OtherUnauthorised: other == 0 ? 0 : otherUnauthorised / other,
                LongSpells: traits.Severe,
                Single: (medical + singleUnauthorised) / left,
                SingleMedical: medical + singleUnauthorised == 0 ? 0 : medical / (medical + singleUnauthorised));
        }
    }
}
