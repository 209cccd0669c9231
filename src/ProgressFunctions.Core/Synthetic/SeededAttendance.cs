using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Synthetic;

/// <summary>
/// Seeded, deterministic session marks for a cohort over a calendar: most pupils attend well, a few are persistently
/// or severely absent, some miss Friday afternoons, some arrive late, and some <c>N</c> marks are left unresolved.
/// </summary>
/// <remarks>
/// The same seed, calendar, pupil count and as-of date always give the same registers. Marks stop at
/// <c>asOf</c> (inclusive): the year so far, as a school would have it on that date.
/// </remarks>
public static class SeededAttendance
{
    private static readonly AttendanceCode[] s_authorised = [.. new[] { "I", "I", "I", "I", "M", "M", "C", "R" }.Select(AttendanceCode.Parse)];
    private static readonly AttendanceCode[] s_unauthorised = [.. new[] { "O", "O", "G", "N" }.Select(AttendanceCode.Parse)];

    public static IReadOnlyList<PupilRegister> Generate(SchoolCalendar calendar, IReadOnlyList<string> pupilIds, DateOnly asOf, int seed)
    {
        var registers = new PupilRegister[pupilIds.Count];
        var lastDay = calendar.DaysUpTo(asOf);
        for (var p = 0; p < pupilIds.Count; p++)
        {
            // One generator per pupil, seeded from the school seed and the pupil's position, so a pupil's marks
            // do not change when the cohort grows. Not HashCode.Combine: it is seeded per process, so the marks would
            // differ between runs.
            var random = new Random(unchecked((seed * 1_000_003) + p) & int.MaxValue);
            var profile = Profile.Draw(random);
            registers[p] = Fill(new PupilRegister(pupilIds[p], calendar), profile, random, lastDay);
        }

        return registers;
    }

    private static PupilRegister Fill(PupilRegister register, Profile profile, Random random, int dayCount)
    {
        var calendar = register.Calendar;
        var illnessDaysLeft = 0;
        for (var d = 0; d < dayCount; d++)
        {
            var date = calendar.DayAt(d);
            if (illnessDaysLeft > 0 || random.NextDouble() < profile.SpellChance)
            {
                illnessDaysLeft = illnessDaysLeft > 0 ? illnessDaysLeft - 1 : random.Next(1, 8);
                Both(register, date, AttendanceCode.Illness);
                continue;
            }

            for (var s = 0; s < 2; s++)
            {
                register.TrySet(date, (SessionOfDay)s, Mark(profile, random, date, (SessionOfDay)s, dayCount - d));
            }
        }

        return register;
    }

    private static AttendanceCode Mark(Profile profile, Random random, DateOnly date, SessionOfDay session, int daysAgo)
    {
        var fridayPm = profile.SkipsFridayAfternoons && date.DayOfWeek == DayOfWeek.Friday && session == SessionOfDay.Pm;
        if (fridayPm ? random.NextDouble() < 0.7 : random.NextDouble() < profile.AbsenceChance)
        {
            if (random.NextDouble() < profile.UnauthorisedShare)
            {
                var code = s_unauthorised[random.Next(s_unauthorised.Length)];
                // Recent N marks are normal; older ones are resolved to O unless this pupil's family never replies.
                return code == AttendanceCode.NotYetKnown && daysAgo > 5 && !profile.LeavesNUnresolved ? AttendanceCode.UnauthorisedOther : code;
            }

            return s_authorised[random.Next(s_authorised.Length)];
        }

        if (session == SessionOfDay.Am && random.NextDouble() < profile.LateChance)
        {
            return random.NextDouble() < 0.8 ? AttendanceCode.LateBeforeClose : AttendanceCode.LateAfterClose;
        }

        return session == SessionOfDay.Am ? AttendanceCode.PresentAm : AttendanceCode.PresentPm;
    }

    private static void Both(PupilRegister register, DateOnly date, AttendanceCode code)
    {
        register.TrySet(date, SessionOfDay.Am, code);
        register.TrySet(date, SessionOfDay.Pm, code);
    }

    private sealed record Profile(double AbsenceChance, double SpellChance, double UnauthorisedShare, double LateChance, bool SkipsFridayAfternoons, bool LeavesNUnresolved)
    {
        public static Profile Draw(Random random)
        {
            var roll = random.NextDouble();
            // Roughly the national shape: most attend well, about one in five persistently absent, ~2% severely.
            var absence = roll < 0.02 ? 0.45 + (random.NextDouble() * 0.3)
                : roll < 0.14 ? 0.07 + (random.NextDouble() * 0.12)
                : random.NextDouble() * 0.05;
            return new Profile(
                AbsenceChance: absence,
                SpellChance: absence / 12,
                UnauthorisedShare: random.NextDouble() * (absence > 0.1 ? 0.7 : 0.3),
                LateChance: random.NextDouble() < 0.15 ? 0.1 + (random.NextDouble() * 0.15) : 0.01,
                SkipsFridayAfternoons: random.NextDouble() < 0.05,
                LeavesNUnresolved: random.NextDouble() < 0.05);
        }
    }
}
