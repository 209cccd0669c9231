using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>How the pupils of one phase miss school: the constants the generator is calibrated with.</summary>
/// <remarks>
/// <para>
/// Calibrated so that a generated school's full year comes out at DfE's national figures for 2024/25 (state-funded
/// schools; explore-education-statistics, "Pupil attendance in schools", week 29 2025, the whole academic year):
/// primary overall absence 5.2%, unauthorised 1.5%, persistent absence (PA) 13.5%; secondary 8.6%, 3.3%, 24.3%.
/// The calibration test in Core.Tests (Synthetic/CalibrationTests) holds generated schools to those figures.
/// </para>
/// <para>
/// A pupil's propensity (the share of the year's sessions they are expected to miss) is an exponential draw with mean
/// <see cref="MeanPropensity"/>, times a year-group multiplier (older pupils miss more) and a characteristic multiplier
/// (free school meals, SEN), renormalised to keep the mean; <see cref="SevereShare"/> of pupils instead miss 50-85%.
/// The exponential's long right tail is what puts about a quarter of secondary pupils past 10% while the typical pupil
/// misses 3-5%. Of a pupil's absence, <see cref="UnauthorisedShare"/> is unauthorised, more for pupils who miss more
/// (<see cref="UnauthorisedSlope"/> per unit of propensity): persistent absence is less often illness.
/// <see cref="ByTerm"/> weighs the terms: secondary absence rises through the year (nationally 7.7% in the autumn of
/// 2024/25, 8.1% over autumn and spring, 8.6% over the year), primary absence hardly moves (5.1%, 5.2%, 5.2%).
/// </para>
/// </remarks>
internal sealed record AbsenceProfile(
    double MeanPropensity,
    double SevereShare,
    IReadOnlyDictionary<int, double> YearMultiplier,
    double UnauthorisedShare,
    double UnauthorisedSlope,
    double HolidayFamilies,
    double FridayAfternoonHabit,
    double FrequentlyLate,
    (double Autumn, double Spring, double Summer) ByTerm)
{
    /// <summary>Of authorised absence: illness (I) spells, medical appointments (M, single sessions), the rest other (C).</summary>
    public const double IllnessShare = 0.82;

    public const double MedicalShare = 0.08;

    /// <summary>Of unauthorised absence (before holidays, lateness and Friday afternoons): whole days, the rest single sessions.</summary>
    public const double UnauthorisedWholeDays = 0.8;

    public static AbsenceProfile Primary { get; } = new(
        MeanPropensity: 0.0395,
        SevereShare: 0.007,
        YearMultiplier: new Dictionary<int, double> { [0] = 1.04, [1] = 0.98, [2] = 0.96, [3] = 0.96, [4] = 0.98, [5] = 1.01, [6] = 1.07 },
        UnauthorisedShare: 0.045,
        UnauthorisedSlope: 1.6,
        HolidayFamilies: 0.18,
        FridayAfternoonHabit: 0.01,
        FrequentlyLate: 0.10,
        ByTerm: (1, 1, 1));

    // 0.06 before suspensions were generated: their authorised absence (about 0.25% of sessions) is part of the national figure.
    public static AbsenceProfile Secondary { get; } = new(
        MeanPropensity: 0.0583,
        SevereShare: 0.023,
        YearMultiplier: new Dictionary<int, double> { [7] = 0.80, [8] = 0.94, [9] = 1.03, [10] = 1.08, [11] = 1.15 },
        UnauthorisedShare: 0.2,
        UnauthorisedSlope: 1.2,
        HolidayFamilies: 0.12,
        FridayAfternoonHabit: 0.04,
        FrequentlyLate: 0.15,
        ByTerm: (0.92, 1, 1.12));

    public static AbsenceProfile For(SchoolPhase phase) => phase == SchoolPhase.Primary ? Primary : Secondary;

    /// <summary>Free school meals and SEN raise a pupil's absence (nationally FSM pupils miss about twice as much).</summary>
    public static double CharacteristicMultiplier(bool freeSchoolMeals, SenStatus sen)
    {
        var fsm = freeSchoolMeals ? 1.55 : 0.86;
        var special = sen switch { SenStatus.Ehcp => 1.6, SenStatus.Support => 1.35, _ => 0.93 };
        // The means of the two factors over the generated population (24% FSM, 12% SEN support, 3% EHCP) are about 1.
        return fsm * special;
    }
}
