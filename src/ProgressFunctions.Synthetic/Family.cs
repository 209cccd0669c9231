using System.Globalization;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>One of a family's contacts and what the school may send them.</summary>
internal sealed record FamilyContact(Contact Contact, string Relationship, bool ParentalResponsibility, bool ReceivesCorrespondence, int Priority, string? Restriction);

/// <summary>A pupil's family: the surname and the contacts brothers and sisters share.</summary>
/// <remarks>
/// About one pupil in eight is the younger sibling of a pupil one or two cohorts up (whether or not that pupil is still
/// on roll), and shares their family. A family has one or two contacts: most are parents with parental responsibility;
/// some are relatives without it; a second parent is of the other sex but in 0.4% of families; a few have no e-mail
/// (<see cref="s_noEmail"/>); about 2% are restricted (no contact, court order) and receive no correspondence. E-mail
/// addresses are at a reserved example domain and unique per family; phone numbers are in Ofcom's ranges for drama
/// (mobiles and landlines), and a few contacts have none.
/// </remarks>
internal sealed record Family(string Surname, IReadOnlyList<FamilyContact> Contacts)
{
    public static Family Of(int seed, int cohort, int place)
    {
        var c = EldestCohort(seed, cohort, place);
        return Make(new Random(Seeds.Of(seed, 4, c, place)), ((c % 100) * 100_000) + place);
    }

    /// <summary>The cohorts of the pupil's older brothers and sisters (at the same place in their cohorts), eldest last.</summary>
    public static IEnumerable<int> OlderSiblingCohorts(int seed, int cohort, int place)
    {
        var eldest = EldestCohort(seed, cohort, place);
        for (var c = cohort - 1; c >= eldest; c--)
        {
            if (EldestCohort(seed, c, place) == eldest)
            {
                yield return c;
            }
        }
    }

    /// <summary>The cohort of the family's eldest child: a younger sibling is one or two cohorts below an elder, up to four times.</summary>
    private static int EldestCohort(int seed, int cohort, int place)
    {
        var c = cohort;
        for (var hop = 0; hop < 4 && Seeds.Uniform(seed, 2, c, place) < 0.12; hop++)
        {
            c -= 1 + (Seeds.Of(seed, 3, c, place) % 2);
        }

        return c;
    }

    /// <summary>The share of two-parent families whose parents are of one sex.</summary>
    /// <remarks>Couple families with dependent children in the Labour Force Survey's household dataset (UK Data Service
    /// study 8330, variable 131): 136 same-sex couples of 35,316, 0.4%. Drawn independently, as before, the second parent
    /// had the first's sex half the time, and a third of the synthetic school's letters went to "Mr and Mr".</remarks>
    private const double SameSexCouples = 0.004;

    /// <summary>The share of first and of second contacts the MIS holds no e-mail address for.</summary>
    /// <remarks>
    /// Every household with dependent children had internet access in the ONS Internet Access Survey of 2020 (its
    /// freedom of information answer FOI/2021/2802: none of the households with children surveyed was without), and
    /// schools collect an address for the main contact at admission to send letters home. So a first contact without
    /// one is a gap in the MIS, taken as one in thirty; a second contact (a parent living elsewhere, a relative) is
    /// more often not asked, one in six. The school then cannot e-mail about 2% of its families, and 2% more are
    /// restricted. At 15% for both, as before, a demo's batch did not reach 9% of its pupils.
    /// </remarks>
    private static readonly double[] s_noEmail = [1.0 / 30, 1.0 / 6];

    private static Family Make(Random random, int number)
    {
        var surname = Names.Pick(random, Names.Surnames);
        var contacts = new List<FamilyContact>();
        var count = random.NextDouble() < 0.6 ? 2 : 1;
        for (var order = 1; order <= count; order++)
        {
            var forename = Names.Pick(random, Names.AdultForenames);
            // Two contacts with one name would share an e-mail address, and so an id: one parent linked twice.
            while (contacts.Any(c => c.Contact.Forename == forename))
            {
                forename = Names.Pick(random, Names.AdultForenames);
            }

            var contactSurname = order == 1 || random.NextDouble() < 0.7 ? surname : Names.Pick(random, Names.Surnames);
            var hasEmail = random.NextDouble() >= s_noEmail[order - 1];
            var digits = random.Next(100000);
            var restricted = random.NextDouble() < 0.02;
            var relationship = order == 1 ? "Parent" : random.NextDouble() switch { < 0.7 => "Parent", < 0.8 => "Step-parent", < 0.9 => "Carer", _ => "Relative" };
            if (order == 2 && relationship is "Parent" or "Step-parent" && Seeds.Uniform(number, 2, 17) >= SameSexCouples)
            {
                forename = Names.PartnerOf(contacts[0].Contact.Forename!, forename);
            }

            var email = hasEmail ? Names.Email(forename, contactSurname, number, "parents.example") : null;
            var phone = Phone(digits, Seeds.Uniform(number, order, 16), email is not null);
            var contact = new Contact
            {
                Id = RecordIds.Contact(forename, contactSurname, email, phone),
                Title = Names.TitleOf(forename, random.Next(2)),
                Forename = forename,
                Surname = contactSurname,
                Email = email,
                Phone = phone,
            };
            contacts.Add(new FamilyContact(contact, relationship, relationship is "Parent" or "Carer", !restricted, order, restricted ? "No contact (court order)" : null));
        }

        return new Family(surname, contacts);
    }

    /// <summary>A mobile in Ofcom's drama range (07700 900000-900999 and on), a landline in 01632 960xxx for one in five, or none.</summary>
    /// <remarks>
    /// One contact in twenty with an e-mail address has no phone number in the MIS. A contact without an e-mail address
    /// always has one, because their id is derived from it: two contacts with neither would share an id by name alone.
    /// </remarks>
    private static string? Phone(int digits, double kind, bool hasEmail) =>
        kind < 0.05 && hasEmail ? null
        : kind < 0.25 ? string.Create(CultureInfo.InvariantCulture, $"01632 960{digits % 1000:000}")
        : string.Create(CultureInfo.InvariantCulture, $"07700 9{digits:00000}");
}
