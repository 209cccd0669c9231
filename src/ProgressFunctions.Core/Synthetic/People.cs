using System.Globalization;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Synthetic;

/// <summary>Contacts and staff for a synthetic school.</summary>
internal static class People
{
    private static readonly string[] s_subjects = ["English", "Mathematics", "Science", "History", "Geography", "French", "Art", "Computing"];

    /// <summary>One or two contacts per pupil; about one pupil in ten is a sibling sharing the previous pupil's contacts.</summary>
    /// <remarks>
    /// Most contacts are parents with parental responsibility; some are relatives without it; some have no e-mail;
    /// about 2% are restricted (no contact, court order) and receive no correspondence.
    /// </remarks>
    public static (List<Contact>, List<ContactLink>) Contacts(Random random, IReadOnlyList<Pupil> pupils)
    {
        var contacts = new List<Contact>();
        var links = new List<ContactLink>();
        List<(Contact Contact, ContactLink Link)> previous = [];
        foreach (var pupil in pupils)
        {
            if (previous.Count > 0 && random.NextDouble() < 0.1)
            {
                links.AddRange(previous.Select(p => p.Link with { PupilId = pupil.Id }));
                continue;
            }

            previous = [];
            var count = random.NextDouble() < 0.6 ? 2 : 1;
            for (var order = 1; order <= count; order++)
            {
                var forename = Names.Pick(random, Names.AdultForenames);
                var surname = order == 1 || random.NextDouble() < 0.7 ? pupil.LegalSurname : Names.Pick(random, Names.Surnames);
                var email = random.NextDouble() < 0.15 ? null : MakeEmail(forename, surname, contacts.Count);
                var phone = string.Create(CultureInfo.InvariantCulture, $"07700 9{random.Next(100000):00000}");
                var id = RecordIds.Contact(forename, surname, email, phone);
                var restricted = random.NextDouble() < 0.02;
                var relationship = order == 1 ? "Parent" : random.NextDouble() switch { < 0.7 => "Parent", < 0.8 => "Step-parent", < 0.9 => "Carer", _ => "Relative" };
                var contact = new Contact { Id = id, Title = random.Next(2) == 0 ? "Mr" : "Ms", Forename = forename, Surname = surname, Email = email, Phone = phone };
                var link = new ContactLink
                {
                    ContactId = id,
                    PupilId = pupil.Id,
                    Relationship = relationship,
                    ParentalResponsibility = relationship is "Parent" or "Carer",
                    ReceivesCorrespondence = !restricted,
                    Priority = order,
                    Restriction = restricted ? "No contact (court order)" : null,
                };
                contacts.Add(contact);
                links.Add(link);
                previous.Add((contact, link));
            }
        }

        return (contacts, links);
    }

    public static (List<StaffMember>, List<StaffRole>) Staff(SchoolPhase phase, int[] years)
    {
        var staff = new List<StaffMember>();
        var roles = new List<StaffRole>();
        void Add(string forename, string surname, StaffRoleKind role, string? scope = null)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"S{staff.Count + 1:000}");
            staff.Add(new StaffMember { Id = id, Title = staff.Count % 2 == 0 ? "Mrs" : "Mr", Forename = forename, Surname = surname, Email = MakeEmail(forename, surname, staff.Count, "oakfield.school.example") });
            roles.Add(new StaffRole(id, role, scope));
        }

        Add("Helen", "Marsh", StaffRoleKind.Headteacher);
        Add("Gareth", "Lloyd", StaffRoleKind.DataManager);
        Add("Bernadette", "Ní Bhriain", StaffRoleKind.AttendanceOfficer);
        Add("Anika", "Sharma", StaffRoleKind.Senco);
        Add("Tom", "Fairweather", StaffRoleKind.ProgressAssistant);
        foreach (var year in years)
        {
            Add(Names.AdultForenames[year % Names.AdultForenames.Length], Names.Surnames[year % Names.Surnames.Length], StaffRoleKind.YearLeader, year.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var subject in phase == SchoolPhase.Primary ? ["English", "Mathematics"] : s_subjects)
        {
            Add(Names.AdultForenames[subject.Length % Names.AdultForenames.Length], subject == "French" ? "Lefèvre" : Names.Surnames[subject.Length + 10], StaffRoleKind.SubjectLeader, subject);
        }

        Add("Rhiannon", "Pryce", StaffRoleKind.ProgressMentor);
        return (staff, roles);
    }

    /// <summary>An address at a reserved example domain, ASCII only (names like Siân become sian).</summary>
    private static string MakeEmail(string forename, string surname, int n, string domain = "parents.example") =>
        $"{Ascii(forename)}.{Ascii(surname)}{n}@{domain}";

    private static string Ascii(string name)
    {
        var decomposed = name.Normalize(System.Text.NormalizationForm.FormD);
        return new string([.. decomposed.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]).Replace("ł", "l", StringComparison.Ordinal);
    }
}
