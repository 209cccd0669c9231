using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary><c>contacts.csv</c>: one row per contact per pupil (a parent of two siblings has two rows).</summary>
public static class ContactsCsv
{
    public const string FileName = "contacts.csv";

    public static readonly CsvColumn ContactId = new("Contact ID", false, "Contact Id", "Person ID");
    public static readonly CsvColumn PupilUpn = new("Pupil UPN", true, "UPN", "Student UPN");
    public static readonly CsvColumn Title = new("Title", false, "Salutation") { Repeats = true, WhenAbsent = Kept("title", "none") };
    public static readonly CsvColumn Forename = new("Forename", true, "First Name", "Contact Forename");
    public static readonly CsvColumn Surname = new("Surname", true, "Last Name", "Contact Surname");
    public static readonly CsvColumn Email = new("Email", false, "E-mail", "Email Address", "Contact Email") { WhenAbsent = Kept("e-mail address", "none") };
    public static readonly CsvColumn Phone = new("Phone", false, "Telephone", "Mobile", "Phone Number") { WhenAbsent = Kept("phone number", "none") };
    public static readonly CsvColumn Relationship = new("Relationship", false, "Relation", "Relationship to Pupil") { Repeats = true, WhenAbsent = Kept("relationship", "none") };
    public static readonly CsvColumn Responsibility = new("Parental Responsibility", false, "PR", "Has Parental Responsibility", "Responsibility")
    {
        WhenAbsent = Kept("parental responsibility", "none"),
    };
    public static readonly CsvColumn Correspondence = new("Receives Correspondence", false, "Correspondence", "Receives Mail")
    {
        WhenAbsent = Kept("correspondence setting", "receives correspondence"),
    };
    public static readonly CsvColumn Priority = new("Priority", false, "Contact Priority", "Order") { WhenAbsent = Kept("priority", "1") };
    public static readonly CsvColumn Restriction = new("Restriction", false, "Contact Restriction", "No Contact Reason") { WhenAbsent = Kept("restriction", "no restriction") };

    public static IReadOnlyList<CsvColumn> Columns { get; } =
        [ContactId, PupilUpn, Title, Forename, Surname, Email, Phone, Relationship, Responsibility, Correspondence, Priority, Restriction];

    private static KeptWhenAbsent Kept(string field, string forNew) => new("contact", field, forNew);

    /// <summary>Reads contacts and links; <paramref name="pupils"/> is the pupils read from the same export.</summary>
    /// <remarks>
    /// A contact has one row per pupil, and every row of one Contact ID must describe the same person (name and
    /// e-mail). When two rows of one id describe different people, the id cannot be trusted for either family: none
    /// of its rows is imported, and each error names the other row. <see cref="ContactRows.PupilsListed"/> holds every
    /// pupil the file has a row for, imported or not: their links become exactly the imported ones, so a link the
    /// export no longer vouches for is never kept from an earlier export. A row that cannot be used as it stands is
    /// returned in <see cref="ContactRows.Refused"/>, so that the stored contact it names is kept (<see cref="RefusedContacts"/>).
    /// </remarks>
    public static ContactRows Read(TextReader text, PupilIndex pupils, ICollection<ImportIssue> issues, string file = FileName)
    {
        var rows = new List<(Contact Contact, ContactLink Link, int Line)>();
        var unusable = new List<RefusedContactRow>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        CsvTable.Read(text, file, Columns, issues, row =>
        {
            var pupilId = row.Pupil(PupilUpn, pupils);
            if (pupilId.Length > 0)
            {
                listed.Add(pupilId);
            }

            var forename = row.Name(Forename);
            var surname = row.Name(Surname);
            var email = row.GetOrNull(Email);
            var refused = email is not null && !FieldParse.IsEmail(email);
            if (refused)
            {
                // The contact is kept (parental responsibility still matters for routing), without the address.
                issues.Add(ImportIssue.Error(file, row.Line, Email.Name, email!, $"'{email}' is not an e-mail address; the contact is kept without one"));
                email = null;
            }

            var phone = row.GetOrNull(Phone);
            if (row.Has(ContactId) && RecordId.Check(row.Get(ContactId), "Contact ID") is { } badId)
            {
                row.Error(ContactId, row.Get(ContactId), badId);
            }

            var link = new ContactLink
            {
                ContactId = row.GetOrNull(ContactId) ?? RecordIds.Contact(forename, surname, email, phone),
                PupilId = pupilId,
                Relationship = row.Get(Relationship),
                ParentalResponsibility = row.Bool(Responsibility),
                ReceivesCorrespondence = row.Bool(Correspondence, whenAbsent: true),
                Priority = row.Int(Priority) ?? 1,
                Restriction = row.GetOrNull(Restriction),
            };
            if (row.HasErrors)
            {
                unusable.Add(Refused(row, link, new Contact { Id = link.ContactId, Forename = forename, Surname = surname, Email = row.GetOrNull(Email) }, pupils));
            }
            else
            {
                rows.Add((new Contact { Id = link.ContactId, Title = row.Name(Title, required: false), Forename = forename, Surname = surname, Email = email, Phone = phone, EmailRefused = refused }, link, row.Line));
            }
        }, out var absent);

        var refused = PersonRows.Conflicting(rows.Select(r => (new PersonRows.Person(r.Contact.Forename, r.Contact.Surname, r.Contact.Email) { EmailRefused = r.Contact.EmailRefused }, r.Contact.Id, r.Line)), file, ContactId, issues);
        var accepted = rows.Where(r => !refused.Contains(r.Contact.Id)).ToList();
        unusable.AddRange(rows.Where(r => refused.Contains(r.Contact.Id) || r.Contact.EmailRefused)
            .Select(r => new RefusedContactRow(r.Line, r.Link.PupilId, false, r.Contact, r.Link, OnlyAddressRefused: !refused.Contains(r.Contact.Id))));
        return new ContactRows([.. accepted.Select(r => r.Contact).DistinctBy(c => c.Id)], [.. accepted.Select(r => r.Link)], listed)
        {
            Absent = absent,
            Refused = [.. unusable.OrderBy(r => r.Line)],
        };
    }

    /// <summary>A row with an error as far as it could be read: the restricting parts of its link only where they read as such.</summary>
    private static RefusedContactRow Refused(CsvRow row, ContactLink link, Contact person, PupilIndex pupils)
    {
        bool? Said(CsvColumn column) => row.Has(column) && FieldParse.TryBool(row.Get(column), out var yes) ? yes : null;
        var upn = row.Get(PupilUpn).Trim().ToUpperInvariant();
        return new RefusedContactRow(row.Line, link.PupilId, link.PupilId.Length == 0 && pupils.IsRefused(upn), person,
            link with { ParentalResponsibility = Said(Responsibility) ?? true, ReceivesCorrespondence = Said(Correspondence) ?? true, Restriction = row.GetOrNull(Restriction) });
    }
}

/// <summary>What contacts.csv gave: the contacts, their links to pupils, and every pupil it has a row for.</summary>
/// <remarks>
/// <see cref="SaysRestrictions"/> and <see cref="SaysCorrespondence"/>: whether the file has the Restriction and the
/// Receives Correspondence columns. Without one, a link's value there is a default the MIS never gave, and a stored
/// link keeps its own (<see cref="ContactSafeguards"/>); so for every column in <see cref="Absent"/> (<see cref="KeptForAbsentColumns"/>).
/// </remarks>
public sealed record ContactRows(List<Contact> Contacts, List<ContactLink> Links, IReadOnlySet<string> PupilsListed)
{
    /// <summary>The optional columns the header lacks.</summary>
    public IReadOnlySet<CsvColumn> Absent { get; init; } = new HashSet<CsvColumn>();

    public bool SaysRestrictions => !Absent.Contains(ContactsCsv.Restriction);

    public bool SaysCorrespondence => !Absent.Contains(ContactsCsv.Correspondence);

    /// <summary>The rows that could not be used as they stand (<see cref="RefusedContactRow"/>), in file order.</summary>
    public IReadOnlyList<RefusedContactRow> Refused { get; init; } = [];
}
