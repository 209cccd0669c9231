using System.Globalization;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>The staff of a synthetic school and the links from pupils to their families' contacts.</summary>
internal static class People
{
    public static readonly string[] SecondarySubjects = ["English", "Mathematics", "Science", "History", "Geography", "French", "Art", "Computing"];

    /// <summary>Every contact once (in the order first met) and one link per pupil and contact.</summary>
    public static (List<Contact>, List<ContactLink>) Contacts(IEnumerable<RollEntry> roll)
    {
        var contacts = new List<Contact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<ContactLink>();
        foreach (var (pupil, _, family, _, _) in roll)
        {
            foreach (var member in family.Contacts)
            {
                if (seen.Add(member.Contact.Id))
                {
                    contacts.Add(member.Contact);
                }

                links.Add(new ContactLink
                {
                    ContactId = member.Contact.Id,
                    PupilId = pupil.Id,
                    Relationship = member.Relationship,
                    ParentalResponsibility = member.ParentalResponsibility,
                    ReceivesCorrespondence = member.ReceivesCorrespondence,
                    Priority = member.Priority,
                    Restriction = member.Restriction,
                });
            }
        }

        return (contacts, links);
    }

    /// <summary>The school's staff: leaders, a year leader per year, subject leaders, progress mentors (one for every 150 pupils, at least two) and the clerk to the governors.</summary>
    /// <remarks>The staff of earlier versions keep their ids (S001...); mentors after the first and the clerk are added after them.</remarks>
    public static (List<StaffMember>, List<StaffRole>) Staff(SchoolPhase phase, IReadOnlyList<int> years, int pupils)
    {
        var staff = new List<StaffMember>();
        var roles = new List<StaffRole>();
        void Add(string forename, string surname, StaffRoleKind role, params string?[] scopes)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"S{staff.Count + 1:000}");
            staff.Add(new StaffMember { Id = id, Title = Names.TitleOf(forename, staff.Count % 2), Forename = forename, Surname = surname, Email = Names.Email(forename, surname, staff.Count, "oakfield.school.example") });
            roles.AddRange(scopes.DefaultIfEmpty(null).Select(scope => new StaffRole(id, role, scope)));
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

        // A primary school's English lead leads reading and writing.
        string[][] subjects = phase == SchoolPhase.Primary ? [["Reading", "Writing"], ["Mathematics"]] : [.. SecondarySubjects.Select(s => new[] { s })];
        foreach (var led in subjects)
        {
            var key = led[0].Length;
            Add(Names.AdultForenames[key % Names.AdultForenames.Length], led[0] == "French" ? "Lefèvre" : Names.Surnames[key + 10], StaffRoleKind.SubjectLeader, led);
        }

        Add("Rhiannon", "Pryce", StaffRoleKind.ProgressMentor);
        for (var m = 1; m < Math.Clamp(pupils / 150, 2, 12); m++)
        {
            Add(Names.AdultForenames[(m * 7) % Names.AdultForenames.Length], Names.Surnames[(m * 11) % Names.Surnames.Length], StaffRoleKind.ProgressMentor);
        }

        Add("Margaret", "Osei", StaffRoleKind.Governor);
        return (staff, roles);
    }
}
