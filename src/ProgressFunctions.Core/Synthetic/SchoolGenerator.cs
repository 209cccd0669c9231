using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Synthetic;

/// <summary>Makes a realistic, deterministic English school: pupils, contacts, staff, calendar, marks and progress data.</summary>
/// <remarks>Pure: a seeded <see cref="Random"/>, no clock, no I/O. The same options always give the same school.</remarks>
public static class SchoolGenerator
{
    /// <summary>The school's own scale for key stage 3 (and its demo of school-defined scales).</summary>
    public static GradeScale Ks3Steps { get; } = GradeScale.Custom("KS3 steps", ["Emerging", "Developing", "Secure", "Mastered"]);

    public static SyntheticSchool Generate(GeneratorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Pupils);
        var random = new Random(options.Seed);
        var (terms, inset) = TypicalCalendar.For(options.Year, BankHolidays.EnglandAndWales);
        var calendar = SchoolCalendar.Create(terms, inset, BankHolidays.EnglandAndWales).GetValueOrThrow();
        var profile = new SchoolProfile
        {
            Urn = options.Urn,
            Name = options.Phase == SchoolPhase.Primary ? "Oakfield Primary School" : "Oakfield Academy",
            Phase = options.Phase,
            LocalAuthority = options.LaCode.ToString("000", System.Globalization.CultureInfo.InvariantCulture),
            Establishment = options.Phase == SchoolPhase.Primary ? "2001" : "4001",
            Terms = terms,
            InsetDays = inset,
            Calendar = calendar,
            CustomScales = options.Phase == SchoolPhase.Primary ? [] : [Ks3Steps],
        };

        var years = options.Phase == SchoolPhase.Primary ? Enumerable.Range(0, 7).ToArray() : Enumerable.Range(7, 5).ToArray();
        var pupils = new List<Pupil>(options.Pupils);
        var traits = new Dictionary<string, PupilTraits>(options.Pupils, StringComparer.Ordinal);
        for (var i = 0; i < options.Pupils; i++)
        {
            var (pupil, trait) = MakePupil(random, options, calendar, years[i * years.Length / options.Pupils], i);
            pupils.Add(pupil);
            traits[pupil.Id] = trait;
        }

        var (contacts, links) = People.Contacts(random, pupils);
        var (staff, roles) = People.Staff(options.Phase, years);
        var progress = options.IncludeProgress ? ProgressData.Make(options, calendar, pupils, traits) : ProgressData.None;
        return new SyntheticSchool(options, profile, pupils, traits)
        {
            Contacts = contacts,
            ContactLinks = links,
            Staff = staff,
            StaffRoles = roles,
            Assessments = progress.Assessments,
            Targets = progress.Targets,
            Behaviour = progress.Behaviour,
            Homework = progress.Homework,
        };
    }

    private static (Pupil, PupilTraits) MakePupil(Random random, GeneratorOptions options, SchoolCalendar calendar, int year, int index)
    {
        var girl = random.Next(2) == 0;
        var start = options.Year.StartYear;
        // Born between 1 September and 31 August of the cohort's year.
        var born = new DateOnly(start - 5 - year, 9, 1).AddDays(random.Next(365));
        var upn = Upn.Create(options.LaCode, 1000 + (index / 1000 % 9000), start - year, index % 1000);
        var roll = random.NextDouble();
        var absence = roll switch { < 0.02 => 0.5 + (random.NextDouble() * 0.2), < 0.14 => 0.1 + (random.NextDouble() * 0.12), _ => random.NextDouble() * 0.07 };
        var joinedLate = random.NextDouble() < 0.02;
        var pupil = new Pupil
        {
            Id = RecordIds.PupilFromUpn(upn),
            Upn = upn,
            LegalForename = Names.Pick(random, girl ? Names.Girls : Names.Boys),
            LegalSurname = Names.Pick(random, Names.Surnames),
            PreferredForename = random.NextDouble() < 0.05 ? Names.Pick(random, girl ? Names.Girls : Names.Boys) : null,
            DateOfBirth = born,
            Gender = girl ? "F" : "M",
            YearGroup = year,
            RegistrationGroup = year == 0 ? "R" + (char)('A' + random.Next(2)) : $"{year}{(char)('A' + random.Next(options.Phase == SchoolPhase.Primary ? 2 : 6))}",
            Sen = random.NextDouble() switch { < 0.03 => SenStatus.Ehcp, < 0.15 => SenStatus.Support, _ => SenStatus.None },
            FreeSchoolMeals = random.NextDouble() < 0.24,
            EnglishAdditionalLanguage = random.NextDouble() < 0.2,
            LookedAfter = random.NextDouble() < 0.01,
            AdmissionDate = joinedLate ? calendar.DayAt(random.Next(calendar.SchoolDayCount / 2)) : new DateOnly(start - year + (options.Phase == SchoolPhase.Primary ? 0 : 7), 9, 1),
        };
        pupil = pupil with { PupilPremium = pupil.FreeSchoolMeals || pupil.LookedAfter };
        var traits = new PupilTraits(
            Seed: unchecked((options.Seed * 1_000_003) + (index * 7919)) & int.MaxValue,
            AbsenceRate: absence,
            FridayAfternoons: random.NextDouble() < 0.06,
            LateRate: random.NextDouble() < 0.15 ? 0.08 : 0.01,
            TermTimeHoliday: random.NextDouble() < 0.08,
            Ability: NextGaussian(random));
        return (pupil, traits);
    }

    internal static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
