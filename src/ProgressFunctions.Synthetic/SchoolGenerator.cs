using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>Makes a realistic, deterministic English school: pupils, contacts, staff, calendar, marks and progress data.</summary>
/// <remarks>
/// Pure: seeded random streams, no clock, no I/O; the same options always give the same school. The school's year is
/// the academic year containing <see cref="GeneratorOptions.AsOf"/> on the typical English calendar, and its absence is
/// calibrated to the national figures (<see cref="AbsenceProfile"/>).
/// </remarks>
public static class SchoolGenerator
{
    /// <summary>The school's own scale for key stage 3 (and its demo of school-defined scales): about two steps a term.</summary>
    public static GradeScale Ks3Steps { get; } =
        GradeScale.Custom("KS3 steps", ["Emerging", "Emerging+", "Developing", "Developing+", "Secure", "Secure+", "Mastered"]);

    public static SyntheticSchool Generate(GeneratorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Pupils);
        var (terms, inset) = TypicalCalendar.For(options.Year, BankHolidays.EnglandAndWales);
        var calendar = SchoolCalendar.Create(terms, inset, BankHolidays.EnglandAndWales).GetValueOrThrow();
        var primary = options.Phase == SchoolPhase.Primary;
        var profile = new SchoolProfile
        {
            Urn = options.Urn,
            Name = primary ? "Oakfield Primary School" : "Oakfield Academy",
            Phase = options.Phase,
            LocalAuthority = options.LaCode.ToString("000", System.Globalization.CultureInfo.InvariantCulture),
            Establishment = primary ? "2001" : "4001",
            Terms = terms,
            InsetDays = inset,
            Calendar = calendar,
            CustomScales = primary ? [] : [Ks3Steps],
            // Every parent e-mail comes from and ends with the school's own office (01632 960xxx is a number Ofcom keeps for fiction).
            Settings = SchoolSettings.Default with
            {
                ContactLine = "the school office on 01632 960123 or office@oakfield.school.example",
                // Made at the end of the as-of day, as its marks show (both sessions of that day are in it), and said in
                // the file, as an MIS export says it: an older export ingested later then never undoes newer marks.
                ExportedAt = SchoolClock.InstantOf(options.AsOf, new TimeOnly(17, 0)),
                Sender = Core.Email.EmailAddress.Create("office@oakfield.school.example", primary ? "Oakfield Primary School" : "Oakfield Academy"),
            },
        };

        int[] years = primary ? [0, 1, 2, 3, 4, 5, 6] : [7, 8, 9, 10, 11];
        var absence = AbsenceProfile.For(options.Phase);
        var roll = Roll.Make(options, calendar, years, absence);
        var (contacts, links) = People.Contacts(roll);
        var (staff, roles) = People.Staff(options.Phase, years, options.Pupils);
        var progress = options.IncludeProgress ? ProgressData.Make(options, calendar, roll, Ks3Steps) : ProgressData.None;
        string Holder(StaffRoleKind role) => roles.First(r => r.Role == role).StaffId;
        var (interventions, caseloads) = options.IncludeProgress
            ? InterventionData.Make(options, calendar, roll, new StaffIds(Holder(StaffRoleKind.Senco), Holder(StaffRoleKind.ProgressAssistant),
                [.. roles.Where(r => r.Role == StaffRoleKind.ProgressMentor).Select(r => r.StaffId)]))
            : ([], []);
        return new SyntheticSchool(options, profile, roll, DayShape.For(calendar, absence))
        {
            Contacts = contacts,
            ContactLinks = links,
            Staff = staff,
            StaffRoles = roles,
            Assessments = progress.Assessments,
            Targets = progress.Targets,
            Behaviour = progress.Behaviour,
            Homework = progress.Homework,
            Interventions = interventions,
            Caseloads = caseloads,
        };
    }
}
