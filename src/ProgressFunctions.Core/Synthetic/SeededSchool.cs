using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Synthetic;

/// <summary>
/// A seeded secondary school with everything the reports need: named pupils, contacts, staff, registers, 8-10 GCSE
/// subjects per pupil with targets and data drops, behaviour and homework, and the inputs of the snapshot at the end
/// of the term containing the as-of date (with the previous term's end snapshot, when there is one, for "change since last").
/// </summary>
/// <remarks>Deterministic: the same pupil count, seed and as-of date give equal data. For tests, benchmarks and demos only.</remarks>
public sealed record SeededSchool(string Name, SchoolCalendar Calendar, SchoolDirectory Directory, IReadOnlyList<PupilRegister> Registers, SnapshotInputs Inputs)
{
    public const string SchoolId = "100001";

    private static readonly string[] s_forenames =
        ["Amelia", "Oliver", "Zoë", "Mohammed", "Isla", "Noah", "Aisha", "Jack", "Siobhán", "Łukasz", "Freya", "Arjun", "Chloé", "Kwame", "Grace", "Theo", "Maya", "Oskar", "Ruby", "Yusuf"];

    private static readonly string[] s_surnames =
        ["Smith", "Jones", "Khan", "Nowak", "O'Brien", "Patel", "Williams", "Okafor", "Brown", "Taylor", "Nguyen", "Davies", "Evans", "Müller", "Hughes", "Ahmed", "Wilson", "Kowalski", "Clarke", "Murphy"];

    private static readonly (string Name, string Code)[] s_core =
        [("English Language", "En"), ("English Literature", "El"), ("Mathematics", "Ma"), ("Combined Science", "Sc"), ("History", "Hi"), ("Geography", "Gg"), ("French", "Fr")];

    private static readonly (string Name, string Code)[] s_options =
        [("Computer Science", "Cs"), ("Art and Design", "Ar"), ("Religious Studies", "Rs"), ("Music", "Mu"), ("Design and Technology", "Dt")];

    private static readonly (int Month, int Day)[] s_dataDrops = [(10, 1), (12, 1), (3, 1), (6, 1)];

    public TermSnapshot Snapshot() => SnapshotBuilder.Build(Inputs);

    public static SeededSchool Create(int pupilCount, int seed, DateOnly asOf, int firstYearGroup = 7, int lastYearGroup = 11)
    {
        var year = AcademicYear.Containing(asOf);
        var calendar = TypicalCalendar.Build(year.Previous, 2, BankHolidays.EnglandAndWales);
        var term = calendar.TermOf(asOf) ?? throw new ArgumentException($"{asOf} is not in a term of the typical calendar", nameof(asOf));
        var random = new Random(seed);
        var years = Enumerable.Range(firstYearGroup, lastYearGroup - firstYearGroup + 1).ToArray();
        var pupils = new List<Pupil>();
        var contacts = new List<Contact>();
        var links = new List<ContactLink>();
        var targets = new List<Target>();
        var results = new List<AssessmentResult>();
        var behaviour = new List<BehaviourEvent>();
        var homework = new List<HomeworkRecord>();
        for (var i = 1; i <= pupilCount; i++)
        {
            var pupil = DrawPupil(random, i, years[(i - 1) % years.Length], year);
            pupils.Add(pupil);
            AddContacts(random, pupil, contacts, links);
            AddSubjects(random, pupil, year, asOf, targets, results);
            AddTerm(random, pupil, calendar, term, asOf, behaviour, homework);
        }

        var registers = SeededAttendance.Generate(calendar, [.. pupils.Select(p => p.Id)], asOf, seed);
        var directory = new SchoolDirectory(pupils, contacts, links, Staff(years), StaffRoles(years));
        var inputs = new SnapshotInputs
        {
            Key = SnapshotKey.For(SchoolId, term, SnapshotPoint.End),
            AsOf = asOf,
            Calendar = calendar,
            Pupils = pupils,
            Registers = registers,
            Targets = targets,
            Results = results,
            Behaviour = behaviour,
            Homework = homework,
        };
        var previousTerm = calendar.TermsOf(year).LastOrDefault(t => t.End < term.Start);
        if (previousTerm is not null && calendar.SchoolDayBeforeEnd(previousTerm, 10) is { } previousAsOf)
        {
            inputs = inputs with { Previous = SnapshotBuilder.Build(inputs with { Key = SnapshotKey.For(SchoolId, previousTerm, SnapshotPoint.End), AsOf = previousAsOf }) };
        }

        return new SeededSchool("Zoë Park Academy", calendar, directory, registers, inputs);
    }

    private static Pupil DrawPupil(Random random, int number, int yearGroup, AcademicYear year)
    {
        var sen = random.NextDouble() switch { < 0.03 => SenStatus.Ehcp, < 0.16 => SenStatus.Support, _ => SenStatus.None };
        var born = new DateOnly(year.StartYear - yearGroup - 5, 9, 1).AddDays(random.Next(365));
        return new Pupil
        {
            Id = $"P{number:00000}",
            Upn = "",
            LegalForename = s_forenames[random.Next(s_forenames.Length)],
            LegalSurname = s_surnames[random.Next(s_surnames.Length)],
            DateOfBirth = born,
            YearGroup = yearGroup,
            RegistrationGroup = $"{yearGroup}{"ABCD"[random.Next(4)]}",
            Sen = sen,
            FreeSchoolMeals = random.NextDouble() < 0.25,
        };
    }

    private static void AddContacts(Random random, Pupil pupil, List<Contact> contacts, List<ContactLink> links)
    {
        var count = random.NextDouble() < 0.6 ? 2 : 1;
        for (var c = 1; c <= count; c++)
        {
            var id = $"C{pupil.Id[1..]}-{c}";
            contacts.Add(new Contact { Id = id, Title = c == 1 ? "Ms" : "Mr", Forename = s_forenames[random.Next(s_forenames.Length)], Surname = pupil.LegalSurname, Email = $"{id.ToLowerInvariant()}@home.example" });
            links.Add(new ContactLink { ContactId = id, PupilId = pupil.Id, Relationship = c == 1 ? "Mother" : "Father", ParentalResponsibility = true, Priority = c });
        }
    }

    private static void AddSubjects(Random random, Pupil pupil, AcademicYear year, DateOnly asOf, List<Target> targets, List<AssessmentResult> results)
    {
        var ability = 3 + random.Next(6);   // a target of 3 to 8
        var subjects = s_core.Concat(s_options.OrderBy(_ => random.Next()).Take(1 + random.Next(3)));
        foreach (var (subject, code) in subjects)
        {
            var target = Math.Clamp(ability + random.Next(-1, 2), 1, 9);
            var baseline = Math.Max(1, target - 2);
            var set = 1 + random.Next(3);
            targets.Add(new Target
            {
                PupilId = pupil.Id, Subject = subject, Scale = "GCSE", Grade = Grade(target), Baseline = Grade(baseline),
                TeachingGroup = $"{pupil.YearGroup}{code}{set}", Source = random.NextDouble() < 0.1 ? TargetSource.DfeTransitionMatrix : TargetSource.School,
            });
            var path = new FlightPath(baseline, target, year.Start, year.End);
            var drift = (random.NextDouble() * 1.6) - 0.9;
            foreach (var (month, day) in s_dataDrops)
            {
                var date = new DateOnly(month >= 8 ? year.StartYear : year.StartYear + 1, month, day);
                if (date <= asOf)
                {
                    var value = (double)path.ExpectedAt(date) + drift + ((random.NextDouble() - 0.5) * 0.8);
                    results.Add(new AssessmentResult { PupilId = pupil.Id, Subject = subject, Point = $"DD{date:yyyyMM}", Date = date, Scale = "GCSE", Grade = Grade((int)Math.Round(value)) });
                }
            }
        }
    }

    private static void AddTerm(Random random, Pupil pupil, SchoolCalendar calendar, Term term, DateOnly asOf, List<BehaviourEvent> behaviour, List<HomeworkRecord> homework)
    {
        var days = calendar.SchoolDays.Where(d => d >= term.Start && d <= asOf).ToList();
        var incidents = random.NextDouble() < 0.3 ? random.Next(1, 9) : 0;
        for (var k = 0; k < incidents; k++)
        {
            behaviour.Add(new BehaviourEvent { PupilId = pupil.Id, Date = days[random.Next(days.Count)], Points = -random.Next(1, 4), Category = "Disruption" });
        }

        for (var k = random.Next(0, 16); k > 0; k--)
        {
            behaviour.Add(new BehaviourEvent { PupilId = pupil.Id, Date = days[random.Next(days.Count)], Points = 1, Category = "Effort" });
        }

        var diligence = 0.6 + (random.NextDouble() * 0.4);
        foreach (var due in days.Where(d => d.DayOfWeek == DayOfWeek.Wednesday))
        {
            var roll = random.NextDouble();
            var status = roll < diligence ? HomeworkStatus.Completed : roll < diligence + ((1 - diligence) / 2) ? HomeworkStatus.Late : HomeworkStatus.Missing;
            homework.Add(new HomeworkRecord { PupilId = pupil.Id, Subject = "Mathematics", Due = due, Status = status });
        }
    }

    private static string Grade(int value) => Math.Clamp(value, 1, 9).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<StaffMember> Staff(int[] years) =>
    [
        new() { Id = "S-HEAD", Title = "Mrs", Forename = "Helen", Surname = "Achebe", Email = "head@zoepark.example" },
        new() { Id = "S-ATT", Title = "Mr", Forename = "Dev", Surname = "Rao", Email = "attendance@zoepark.example" },
        new() { Id = "S-SENCO", Title = "Ms", Forename = "Nia", Surname = "Evans", Email = "senco@zoepark.example" },
        .. years.Select(y => new StaffMember { Id = $"S-Y{y}", Title = "Ms", Forename = "Year", Surname = $"Leader {y}", Email = $"year{y}@zoepark.example" }),
    ];

    private static List<StaffRole> StaffRoles(int[] years) =>
    [
        new("S-HEAD", StaffRoleKind.Headteacher), new("S-ATT", StaffRoleKind.AttendanceOfficer), new("S-SENCO", StaffRoleKind.Senco),
        .. years.Select(y => new StaffRole($"S-Y{y}", StaffRoleKind.YearLeader, y.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    ];
}
