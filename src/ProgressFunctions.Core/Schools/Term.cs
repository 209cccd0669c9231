using System.Globalization;

namespace ProgressFunctions.Core.Schools;

public enum TermName
{
    Autumn,
    Spring,
    Summer,
}

/// <summary>One of the school's own terms, with its optional half-term break.</summary>
/// <remarks>
/// <see cref="Start"/> and <see cref="End"/> are the first and last dates of the term, both inclusive; the half-term
/// break, if given, is inclusive at both ends and lies inside the term. The term belongs to the academic year that
/// contains its start.
/// </remarks>
public sealed record Term(TermName Name, DateOnly Start, DateOnly End, DateRange? HalfTerm = null)
{
    public AcademicYear Year => AcademicYear.Containing(Start);

    public DateRange Range => new(Start, End);

    /// <summary>A stable key such as "2025-26-autumn", used in storage paths and snapshot ids.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year.StartYear}-{(Year.StartYear + 1) % 100:00}-{Name.ToString().ToLowerInvariant()}");

    public override string ToString() => $"{Name} {Year}";
}
