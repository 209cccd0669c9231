namespace ProgressFunctions.Core.Schools;

/// <summary>SEN provision as the school census records it.</summary>
public enum SenStatus
{
    None,
    /// <summary>SEN support (census code K).</summary>
    Support,
    /// <summary>Education, health and care plan (census code E).</summary>
    Ehcp,
}

/// <summary>A pupil on roll, with the characteristics attendance and progress are broken down by.</summary>
/// <remarks>
/// <see cref="Id"/> is the school's pseudonymous pupil id, safe for logs; the UPN and names are personal data and
/// never logged. <see cref="LeavingDate"/> is the last day on roll, inclusive.
/// </remarks>
public sealed record Pupil
{
    public required string Id { get; init; }
    public required string Upn { get; init; }
    public required string LegalForename { get; init; }
    public required string LegalSurname { get; init; }
    public string? PreferredForename { get; init; }
    /// <summary>Null when the MIS did not give it (older stored records hold 0001-01-01 for that, read as null).</summary>
    public DateOnly? DateOfBirth { get => _dateOfBirth; init => _dateOfBirth = value == default(DateOnly) ? null : value; }
    public string Gender { get; init; } = "";
    public int YearGroup { get; init; }
    public string RegistrationGroup { get; init; } = "";
    public SenStatus Sen { get; init; }
    public bool FreeSchoolMeals { get; init; }
    public bool PupilPremium { get; init; }
    public bool EnglishAdditionalLanguage { get; init; }
    public bool LookedAfter { get; init; }
    public DateOnly? AdmissionDate { get; init; }
    public DateOnly? LeavingDate { get; init; }

    /// <summary>Whether the pupil is on roll on some day from <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    /// <remarks>On roll from the admission date to the leaving date, both inclusive; a missing date leaves that end open.</remarks>
    public bool OnRollDuring(DateOnly from, DateOnly to) => (AdmissionDate is null || AdmissionDate <= to) && (LeavingDate is null || LeavingDate >= from);

    private readonly DateOnly? _dateOfBirth;

    public string DisplayName => $"{PreferredForename ?? LegalForename} {LegalSurname}";
}
