using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.PupilGroups;

/// <summary>The groups of one dimension, each with its figures, small groups suppressed.</summary>
public sealed record DimensionBreakdown(GroupDimension Dimension, string Title, IReadOnlyList<GroupFigures> Groups);

/// <summary>Breaks a snapshot's pupils down by disadvantage, SEN, EAL, looked-after status, gender and year group.</summary>
/// <remarks>
/// Only groups with pupils are listed, in a fixed order. A group with fewer than <see cref="GroupFigures.MinimumPupils"/>
/// pupils is suppressed, as DfE does in its publications; when that leaves exactly one group of a dimension suppressed,
/// the next smallest group of the dimension is suppressed too, because the whole cohort's figures are printed beside
/// them and one group could otherwise be worked out by subtraction. Pupils of snapshots taken before characteristics
/// were kept have none: <see cref="For"/> then gives only the dimensions the snapshot holds (SEN and year group).
/// </remarks>
public static class GroupBreakdown
{
    public static IReadOnlyList<DimensionBreakdown> For(IReadOnlyList<PupilSnapshot> pupils, IEnumerable<GroupDimension> dimensions)
    {
        var known = pupils.All(p => p.Characteristics is not null);
        return [.. dimensions
            .Where(d => known || d is GroupDimension.Sen or GroupDimension.YearGroup)
            .Select(d => new DimensionBreakdown(d, Title(d), Suppress([.. Groups(pupils, d).Where(g => g.Pupils.Count > 0).Select(g => GroupFigures.Of(g.Label, g.Pupils))])))];
    }

    /// <summary>The dimensions a whole-school or governors' report shows; a year group report leaves out the year group.</summary>
    public static IReadOnlyList<GroupDimension> All { get; } = Enum.GetValues<GroupDimension>();

    public static IReadOnlyList<GroupDimension> WithinAYearGroup { get; } = [.. All.Where(d => d != GroupDimension.YearGroup)];

    public static string Title(GroupDimension dimension) => dimension switch
    {
        GroupDimension.Disadvantaged => "Disadvantaged (FSM, pupil premium or looked after)",
        GroupDimension.Sen => "Special educational needs",
        GroupDimension.EnglishAdditionalLanguage => "English as an additional language",
        GroupDimension.LookedAfter => "Looked after",
        GroupDimension.Gender => "Gender",
        _ => "Year group",
    };

    /// <summary>Disadvantaged pupils and the others: the two groups the gap is measured between.</summary>
    public static (IReadOnlyList<PupilSnapshot> Disadvantaged, IReadOnlyList<PupilSnapshot> Others) SplitByDisadvantage(IReadOnlyList<PupilSnapshot> pupils) =>
        ([.. pupils.Where(p => p.Characteristics?.Disadvantaged == true)], [.. pupils.Where(p => p.Characteristics?.Disadvantaged == false)]);

    private static IEnumerable<(string Label, IReadOnlyList<PupilSnapshot> Pupils)> Groups(IReadOnlyList<PupilSnapshot> pupils, GroupDimension dimension)
    {
        IReadOnlyList<PupilSnapshot> Where(Func<PupilSnapshot, bool> test) => [.. pupils.Where(test)];
        switch (dimension)
        {
            case GroupDimension.Disadvantaged:
                yield return ("Disadvantaged", Where(p => p.Characteristics!.Disadvantaged));
                yield return ("Not disadvantaged", Where(p => !p.Characteristics!.Disadvantaged));
                break;
            case GroupDimension.Sen:
                yield return ("No SEN", Where(p => p.Sen == SenStatus.None));
                yield return ("SEN support (K)", Where(p => p.Sen == SenStatus.Support));
                yield return ("EHC plan (E)", Where(p => p.Sen == SenStatus.Ehcp));
                break;
            case GroupDimension.EnglishAdditionalLanguage:
                yield return ("EAL", Where(p => p.Characteristics!.EnglishAdditionalLanguage));
                yield return ("Not EAL", Where(p => !p.Characteristics!.EnglishAdditionalLanguage));
                break;
            case GroupDimension.LookedAfter:
                yield return ("Looked after", Where(p => p.Characteristics!.LookedAfter));
                yield return ("Not looked after", Where(p => !p.Characteristics!.LookedAfter));
                break;
            case GroupDimension.Gender:
                foreach (var gender in pupils.GroupBy(p => GenderLabel(p.Characteristics!.Gender)).OrderBy(g => GenderOrder(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
                {
                    yield return (gender.Key, [.. gender]);
                }

                break;
            default:
                foreach (var year in pupils.GroupBy(p => p.YearGroup).OrderBy(g => g.Key))
                {
                    yield return (Reports.ReportFormat.YearLabel(year.Key), [.. year]);
                }

                break;
        }
    }

    /// <summary>"Girls", "Boys", "Not recorded", or the MIS's own word for any other value.</summary>
    public static string GenderLabel(string gender) => gender.ToUpperInvariant() switch
    {
        "F" or "FEMALE" or "GIRL" => "Girls",
        "M" or "MALE" or "BOY" => "Boys",
        "" => "Not recorded",
        _ => gender,
    };

    private static int GenderOrder(string label) => label switch { "Girls" => 0, "Boys" => 1, "Not recorded" => 3, _ => 2 };

    private static IReadOnlyList<GroupFigures> Suppress(IReadOnlyList<GroupFigures> groups)
    {
        var result = groups.Select(g => g.Pupils < GroupFigures.MinimumPupils ? g with { Suppressed = Suppression.SmallGroup } : g).ToList();
        if (result.Count(g => g.Suppressed != Suppression.None) == 1 && result.Where(g => g.Suppressed == Suppression.None).MinBy(g => g.Pupils) is { } next)
        {
            result[result.IndexOf(next)] = next with { Suppressed = Suppression.Complementary };
        }

        return result;
    }
}
