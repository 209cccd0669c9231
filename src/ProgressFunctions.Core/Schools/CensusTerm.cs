namespace ProgressFunctions.Core.Schools;

/// <summary>The DfE school census terms that absence statistics are published by.</summary>
/// <remarks>
/// Autumn: 1 August to 31 December. Spring: 1 January to Easter Sunday. Summer: Easter Monday to 31 July. All
/// ends inclusive. These are fixed by the census, not by the school's own term dates.
/// </remarks>
public enum CensusTerm
{
    Autumn,
    Spring,
    Summer,
}

public static class CensusTerms
{
    public static DateRange Range(AcademicYear year, CensusTerm term)
    {
        var easter = Easter.Sunday(year.StartYear + 1);
        return term switch
        {
            CensusTerm.Autumn => new DateRange(year.Start, new DateOnly(year.StartYear, 12, 31)),
            CensusTerm.Spring => new DateRange(new DateOnly(year.StartYear + 1, 1, 1), easter),
            _ => new DateRange(easter.AddDays(1), year.End),
        };
    }

    public static CensusTerm Of(DateOnly date)
    {
        var year = AcademicYear.Containing(date);
        return Range(year, CensusTerm.Autumn).Contains(date) ? CensusTerm.Autumn
            : Range(year, CensusTerm.Spring).Contains(date) ? CensusTerm.Spring
            : CensusTerm.Summer;
    }
}
