using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Attendance;

/// <summary>Attendance for a group of pupils: sessions summed first, then divided, as DfE publishes.</summary>
/// <remarks>
/// Pupils with no possible sessions are left out of every count and rate (<see cref="ExcludedNoPossible"/> says how
/// many). PA and severe rates are pupils / pupils * 100, exact; round only for display with
/// <see cref="Percentages.RoundHalfUp"/>.
/// </remarks>
public sealed record CohortSummary(
    string Name,
    int Pupils,
    int ExcludedNoPossible,
    AttendanceTotals Totals,
    int PersistentAbsentees,
    int SevereAbsentees,
    IReadOnlyDictionary<AttendanceBand, int> Bands)
{
    public decimal? AttendanceRate => Totals.AttendanceRate;

    public decimal? OverallAbsenceRate => Totals.OverallAbsenceRate;

    public decimal? PersistentAbsenceRate => Percentages.Of(PersistentAbsentees, Pupils);

    public decimal? SevereAbsenceRate => Percentages.Of(SevereAbsentees, Pupils);

    public static CohortSummary Of(string name, IEnumerable<AttendanceTotals> pupilTotals)
    {
        int pupils = 0, excluded = 0, persistent = 0, severe = 0;
        var sum = AttendanceTotals.Zero;
        var bands = AttendanceBands.All.ToDictionary(b => b, _ => 0);
        foreach (var totals in pupilTotals)
        {
            if (totals.Possible == 0)
            {
                excluded++;
                continue;
            }

            pupils++;
            sum += totals;
            persistent += totals.IsPersistentAbsence ? 1 : 0;
            severe += totals.IsSevereAbsence ? 1 : 0;
            bands[totals.Band!.Value]++;
        }

        return new CohortSummary(name, pupils, excluded, sum, persistent, severe, bands);
    }
}

/// <summary>The characteristics a cohort is broken down by.</summary>
public enum CohortDimension
{
    YearGroup,
    RegistrationGroup,
    Sen,
    FreeSchoolMeals,
    PupilPremium,
    EnglishAdditionalLanguage,
    LookedAfter,
}

public static class CohortBreakdown
{
    /// <summary>One summary per group of <paramref name="dimension"/>, in a stable order (by group label).</summary>
    public static IReadOnlyList<CohortSummary> By(IEnumerable<(Pupil Pupil, AttendanceTotals Totals)> pupils, CohortDimension dimension) =>
        [.. pupils
            .GroupBy(p => GroupOf(p.Pupil, dimension))
            .OrderBy(g => g.Key.Order).ThenBy(g => g.Key.Label, StringComparer.Ordinal)
            .Select(g => CohortSummary.Of(g.Key.Label, g.Select(p => p.Totals)))];

    private static (int Order, string Label) GroupOf(Pupil pupil, CohortDimension dimension) => dimension switch
    {
        CohortDimension.YearGroup => (pupil.YearGroup, pupil.YearGroup == 0 ? "Reception" : $"Year {pupil.YearGroup}"),
        CohortDimension.RegistrationGroup => (0, pupil.RegistrationGroup),
        CohortDimension.Sen => ((int)pupil.Sen, pupil.Sen switch
        {
            SenStatus.Support => "SEN support (K)",
            SenStatus.Ehcp => "EHC plan (E)",
            _ => "No SEN",
        }),
        CohortDimension.FreeSchoolMeals => Flag(pupil.FreeSchoolMeals, "FSM"),
        CohortDimension.PupilPremium => Flag(pupil.PupilPremium, "Pupil premium"),
        CohortDimension.EnglishAdditionalLanguage => Flag(pupil.EnglishAdditionalLanguage, "EAL"),
        _ => Flag(pupil.LookedAfter, "Looked after"),
    };

    private static (int, string) Flag(bool value, string label) => value ? (0, label) : (1, $"Not {label}");
}
