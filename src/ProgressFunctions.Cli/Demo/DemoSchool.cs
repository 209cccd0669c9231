using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Synthetic;

namespace ProgressFunctions.Cli.Demo;

/// <summary>A seeded demo school: pupils with census characteristics and their registers to the as-of date.</summary>
internal sealed record DemoSchool(SchoolCalendar Calendar, IReadOnlyList<Pupil> Pupils, IReadOnlyList<PupilRegister> Registers)
{
    public static DemoSchool Create(int pupilCount, SchoolPhase phase, int seed, DateOnly asOf)
    {
        // The previous academic year too, so rolling windows early in the year reach back over the summer.
        var year = AcademicYear.Containing(asOf);
        var calendar = TypicalCalendar.Build(year.Previous, 2, BankHolidays.EnglandAndWales);
        var random = new Random(seed);
        var years = phase == SchoolPhase.Primary ? Enumerable.Range(0, 7).ToArray() : Enumerable.Range(7, 5).ToArray();
        var pupils = Enumerable.Range(1, pupilCount).Select(i => DrawPupil(random, i, years[(i - 1) % years.Length])).ToList();
        var registers = SeededAttendance.Generate(calendar, [.. pupils.Select(p => p.Id)], asOf, seed);
        return new DemoSchool(calendar, pupils, registers);
    }

    private static Pupil DrawPupil(Random random, int number, int yearGroup)
    {
        var sen = random.NextDouble() switch { < 0.03 => SenStatus.Ehcp, < 0.16 => SenStatus.Support, _ => SenStatus.None };
        var fsm = random.NextDouble() < 0.25;
        return new Pupil
        {
            Id = $"P{number:00000}",
            Upn = "",
            LegalForename = "",
            LegalSurname = "",
            YearGroup = yearGroup,
            RegistrationGroup = $"{(yearGroup == 0 ? "R" : yearGroup.ToString(System.Globalization.CultureInfo.InvariantCulture))}{"ABCD"[random.Next(4)]}",
            Sen = sen,
            FreeSchoolMeals = fsm,
            PupilPremium = fsm || random.NextDouble() < 0.03,
            EnglishAdditionalLanguage = random.NextDouble() < 0.2,
            LookedAfter = random.NextDouble() < 0.01,
        };
    }
}
