namespace ProgressFunctions.Core.Schools;

/// <summary>When a child in England reaches compulsory school age, from which the law on school attendance applies to their parents.</summary>
/// <remarks>
/// Education Act 1996, section 8, and the Education (Start of Compulsory School Age) Order 1998: a child is of
/// compulsory school age from the first prescribed day (31 December, 31 March or 31 August) on or after their fifth
/// birthday. A Reception child born in the summer is not of compulsory school age until the August before Year 1, and
/// no penalty notice can be given for their absence before then.
/// </remarks>
public static class CompulsorySchoolAge
{
    /// <summary>The first day of compulsory school age of a pupil, or null when the MIS gave no date of birth.</summary>
    public static DateOnly? Of(Pupil pupil) => pupil.DateOfBirth is { } born ? From(born) : null;

    /// <summary>The first day of compulsory school age of a child born on <paramref name="dateOfBirth"/> (inclusive).</summary>
    public static DateOnly From(DateOnly dateOfBirth)
    {
        var fifth = dateOfBirth.AddYears(5);
        DateOnly[] prescribed = [new(fifth.Year, 3, 31), new(fifth.Year, 8, 31), new(fifth.Year, 12, 31)];
        return prescribed.First(day => day >= fifth);
    }
}
