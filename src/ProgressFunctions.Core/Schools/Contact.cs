namespace ProgressFunctions.Core.Schools;

/// <summary>A parent, carer or other contact: the person, once, however many pupils they are linked to.</summary>
/// <remarks>Names, e-mail and phone are personal data: never logged; <see cref="Id"/> is the pseudonymous key.</remarks>
public sealed record Contact
{
    public required string Id { get; init; }
    public string Title { get; init; } = "";
    public required string Forename { get; init; }
    public required string Surname { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }

    /// <summary>True when the MIS gave an address that is not an e-mail address, so <see cref="Email"/> is empty: the not-sent list says "not valid", for the office to correct it, not "none".</summary>
    /// <remarks>Left out of the stored document when false, so contacts stored before it read and compare unchanged.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool EmailRefused { get; init; }

    public string DisplayName => string.IsNullOrEmpty(Title) ? $"{Forename} {Surname}" : $"{Title} {Surname}";

    /// <summary>Title, forename and surname, those given: "Mr David Brown". Two contacts of one pupil are often "Mr Brown" alike.</summary>
    public string FullName => string.Join(' ', new[] { Title, Forename, Surname }.Select(p => p.Trim()).Where(p => p.Length > 0));

    /// <summary>Whether <paramref name="other"/> has the same forename and surname (trimmed, any case): the same person recorded twice, as an MIS often does once per child.</summary>
    public bool HasSameNameAs(Contact other) =>
        string.Equals(Forename.Trim(), other.Forename.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(Surname.Trim(), other.Surname.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>How a contact relates to one pupil, and what the school may send them about that pupil.</summary>
/// <remarks>
/// A report about a pupil may go to a contact only through a link to that pupil with parental responsibility,
/// correspondence on, and no restriction. <see cref="Restriction"/> holds the reason when contact is restricted
/// (court order, no-contact flag), else null. <see cref="Priority"/> 1 is the first contact.
/// </remarks>
public sealed record ContactLink
{
    public required string ContactId { get; init; }
    public required string PupilId { get; init; }
    public string Relationship { get; init; } = "";
    public bool ParentalResponsibility { get; init; }
    public bool ReceivesCorrespondence { get; init; } = true;
    public int Priority { get; init; } = 1;
    public string? Restriction { get; init; }
}
