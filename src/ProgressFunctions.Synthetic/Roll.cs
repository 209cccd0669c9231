using System.Globalization;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>A pupil on roll (a place in a cohort) with their habits this year and the family whose contacts they share.</summary>
internal sealed record RollEntry(Pupil Pupil, PupilTraits Traits, Family Family, int Cohort, int Place);

/// <summary>The pupils on roll on the as-of date, year group by year group.</summary>
/// <remarks>
/// A pupil is a cohort (the calendar year their Reception year starts, or would have) and a place in it; everything
/// about the person comes from a random stream seeded by those two and the school seed, so the same pupil is in every
/// export of the school, a year group up each September. About 3% of pupils join part-way through their time at the
/// school; one due to join in a later year is not on roll, and the next place in the cohort is, so each year group holds
/// its share of <see cref="GeneratorOptions.Pupils"/> exactly. A pupil joining during the as-of year joins part-way
/// through the school days up to the as-of date, so nothing in an export is dated after it: the one thing about a
/// pupil that differs between two exports of a year. The September intake is admitted on 1 September, so an export
/// made in the August before lists them ahead of their first day, as an MIS does.
/// </remarks>
internal static class Roll
{
    public static List<RollEntry> Make(GeneratorOptions options, SchoolCalendar calendar, IReadOnlyList<int> years, AbsenceProfile profile)
    {
        var roll = new List<RollEntry>(options.Pupils);
        var context = new YearContext(options, calendar, years, profile);
        for (var y = 0; y < years.Count; y++)
        {
            var size = (options.Pupils / years.Count) + (y < options.Pupils % years.Count ? 1 : 0);
            var forms = Math.Clamp((int)Math.Round(size / 28.0), 1, 26);
            var cohort = options.Year.StartYear - years[y];
            for (var (place, added) = (0, 0); added < size; place++)
            {
                if (Draw(context, years[y], forms, cohort, place) is { } entry)
                {
                    roll.Add(entry);
                    added++;
                }
            }
        }

        return roll;
    }

    private static RollEntry? Draw(YearContext context, int yearGroup, int forms, int cohort, int place)
    {
        var options = context.Options;
        var random = new Random(Seeds.Of(options.Seed, 1, cohort, place));
        var girl = random.Next(2) == 0;
        var forename = Forename(options.Seed, cohort, place, random, girl);
        var preferred = random.NextDouble() < 0.05 ? Names.Pick(random, girl ? Names.Girls : Names.Boys) : null;
        var born = new DateOnly(cohort - 5, 9, 1).AddDays(random.Next(365));
        var sen = random.NextDouble() switch { < 0.03 => SenStatus.Ehcp, < 0.15 => SenStatus.Support, _ => SenStatus.None };
        var fsm = random.NextDouble() < 0.24;
        var eal = random.NextDouble() < 0.2;
        var lookedAfter = random.NextDouble() < 0.01;
        var form = (int)(random.NextDouble() * forms);
        var joined = JoinDate(context, random, cohort);
        var person = new PersonHabits(random, context.Profile, PersonHabits.Quantile(options.Seed, cohort, place));
        if (joined is { } admitted && admitted > options.AsOf)
        {
            return null;
        }

        var family = Family.Of(options.Seed, cohort, place);
        var upn = Upn.Create(options.LaCode, 1000 + (place / 1000 % 9000), cohort, place % 1000);
        var pupil = new Pupil
        {
            Id = RecordIds.PupilFromUpn(upn),
            Upn = upn,
            LegalForename = forename,
            LegalSurname = family.Surname,
            PreferredForename = preferred == forename ? null : preferred,
            DateOfBirth = born,
            Gender = girl ? "F" : "M",
            YearGroup = yearGroup,
            RegistrationGroup = (yearGroup == 0 ? "R" : yearGroup.ToString(CultureInfo.InvariantCulture)) + (char)('A' + form),
            Sen = sen,
            FreeSchoolMeals = fsm,
            PupilPremium = fsm || lookedAfter,
            EnglishAdditionalLanguage = eal,
            LookedAfter = lookedAfter,
            AdmissionDate = joined ?? new DateOnly(cohort + context.EntryYearGroup, 9, 1),
        };
        return new RollEntry(pupil, person.ForYear(context, pupil, cohort, place), family, cohort, place);
    }

    /// <summary>A pupil's forename: drawn, and drawn again while an older brother or sister has it.</summary>
    /// <remarks>Parents do not give two children one name: drawn independently, about one family in a thousand did.</remarks>
    private static string Forename(int seed, int cohort, int place, Random random, bool girl)
    {
        var taken = Family.OlderSiblingCohorts(seed, cohort, place).Select(c => ForenameAt(seed, c, place)).ToHashSet(StringComparer.Ordinal);
        var forename = Names.Pick(random, girl ? Names.Girls : Names.Boys);
        while (taken.Contains(forename))
        {
            forename = Names.Pick(random, girl ? Names.Girls : Names.Boys);
        }

        return forename;
    }

    /// <summary>The forename <see cref="Draw"/> gives the pupil at this place in this cohort, whether or not they are on roll.</summary>
    private static string ForenameAt(int seed, int cohort, int place)
    {
        var random = new Random(Seeds.Of(seed, 1, cohort, place));
        return Forename(seed, cohort, place, random, random.Next(2) == 0);
    }

    /// <summary>The admission date of a pupil who joined after the school's entry year group, or null.</summary>
    private static DateOnly? JoinDate(YearContext context, Random random, int cohort)
    {
        var joins = random.NextDouble() < 0.03;
        var offset = random.Next(context.Years.Count);
        var fraction = 0.05 + (random.NextDouble() * 0.85);
        if (!joins)
        {
            return null;
        }

        var year = cohort + context.EntryYearGroup + offset;
        if (year == context.Options.Year.StartYear)
        {
            // Joins this year: on a school day placed in the whole year, so an export made a day later gives the same
            // date (placed among the days so far, every joiner's date moved with the as-of date, and with it their
            // marks). A pupil whose day is still to come is not on roll yet.
            var days = context.Calendar.DaysUpTo(context.Options.Year.End);
            return days == 0 ? DateOnly.MaxValue : context.Calendar.DayAt((int)(fraction * (days - 1)));
        }

        var date = new DateOnly(year, 9, 8).AddDays((int)(fraction * 300));
        return date.DayOfWeek switch { DayOfWeek.Saturday => date.AddDays(2), DayOfWeek.Sunday => date.AddDays(1), _ => date };
    }
}

/// <summary>What the roll needs to know about the year being generated.</summary>
internal sealed class YearContext(GeneratorOptions options, SchoolCalendar calendar, IReadOnlyList<int> years, AbsenceProfile profile)
{
    public GeneratorOptions Options { get; } = options;

    public SchoolCalendar Calendar { get; } = calendar;

    public IReadOnlyList<int> Years { get; } = years;

    public AbsenceProfile Profile { get; } = profile;

    public int EntryYearGroup => Years[0];

    public IReadOnlyList<int> Breaks { get; } = DayShape.LastDaysBeforeBreaks(calendar);
}
