using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>contacts.csv</c>: one row per contact per pupil (a parent of two siblings has two rows).</summary>
public static class ContactsCsv
{
    public const string FileName = "contacts.csv";

    public static readonly CsvColumn ContactId = new("Contact ID", false, "Contact Id", "Person ID");
    public static readonly CsvColumn PupilUpn = new("Pupil UPN", true, "UPN", "Student UPN");
    public static readonly CsvColumn Title = new("Title", false, "Salutation");
    public static readonly CsvColumn Forename = new("Forename", true, "First Name", "Contact Forename");
    public static readonly CsvColumn Surname = new("Surname", true, "Last Name", "Contact Surname");
    public static readonly CsvColumn Email = new("Email", false, "E-mail", "Email Address", "Contact Email");
    public static readonly CsvColumn Phone = new("Phone", false, "Telephone", "Mobile", "Phone Number");
    public static readonly CsvColumn Relationship = new("Relationship", false, "Relation", "Relationship to Pupil");
    public static readonly CsvColumn Responsibility = new("Parental Responsibility", false, "PR", "Has Parental Responsibility", "Responsibility");
    public static readonly CsvColumn Correspondence = new("Receives Correspondence", false, "Correspondence", "Receives Mail");
    public static readonly CsvColumn Priority = new("Priority", false, "Contact Priority", "Order");
    public static readonly CsvColumn Restriction = new("Restriction", false, "Contact Restriction", "No Contact Reason");

    public static IReadOnlyList<CsvColumn> Columns { get; } =
        [ContactId, PupilUpn, Title, Forename, Surname, Email, Phone, Relationship, Responsibility, Correspondence, Priority, Restriction];

    /// <summary>Reads contacts and links; <paramref name="pupilIdByUpn"/> is the pupils read from the same export.</summary>
    public static (List<Contact> Contacts, List<ContactLink> Links) Read(
        TextReader text, IReadOnlyDictionary<string, string> pupilIdByUpn, ICollection<ImportIssue> issues, string file = FileName)
    {
        var contacts = new Dictionary<string, Contact>(StringComparer.Ordinal);
        var links = new List<ContactLink>();
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var upn = row.Required(PupilUpn).ToUpperInvariant();
            if (upn.Length > 0 && !pupilIdByUpn.ContainsKey(upn))
            {
                row.Error(PupilUpn, upn, "contact for a pupil who is not in pupils.csv");
            }

            var forename = row.Required(Forename);
            var surname = row.Required(Surname);
            var email = row.GetOrNull(Email);
            if (email is not null && !FieldParse.IsEmail(email))
            {
                // The contact is kept (parental responsibility still matters for routing), without the address.
                issues.Add(ImportIssue.Error(file, row.Line, Email.Name, email, $"'{email}' is not an e-mail address; the contact is kept without one"));
                email = null;
            }

            var phone = row.GetOrNull(Phone);
            var priority = row.Int(Priority) ?? 1;
            var link = new ContactLink
            {
                ContactId = row.GetOrNull(ContactId) ?? RecordIds.Contact(forename, surname, email, phone),
                PupilId = pupilIdByUpn.GetValueOrDefault(upn, ""),
                Relationship = row.Get(Relationship),
                ParentalResponsibility = row.Bool(Responsibility),
                ReceivesCorrespondence = row.Bool(Correspondence, whenAbsent: true),
                Priority = priority,
                Restriction = row.GetOrNull(Restriction),
            };
            if (row.HasErrors)
            {
                return;
            }

            contacts.TryAdd(link.ContactId, new Contact
            {
                Id = link.ContactId,
                Title = row.Get(Title),
                Forename = forename,
                Surname = surname,
                Email = email,
                Phone = phone,
            });
            links.Add(link);
        });
        return ([.. contacts.Values], links);
    }
}
