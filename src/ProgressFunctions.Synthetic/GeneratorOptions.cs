using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>What synthetic school to make, and the day its export is made.</summary>
/// <remarks>
/// The export holds the academic year that contains <see cref="AsOf"/> (1 August to 31 July, <see cref="AcademicYear"/>):
/// the whole year's calendar, the pupils on roll that day, and marks, results, behaviour and homework up to and
/// including <see cref="AsOf"/>, nothing later. <see cref="Pupils"/> is the number on roll on that day. With
/// <see cref="IncludeProgress"/> off no assessments, targets, behaviour or homework are made (the large-trust
/// attendance benchmark needs only pupils and marks). The same options always give the same school, and the same
/// seed gives the same pupils in the exports of other days and years (promoted a year group each September).
/// </remarks>
public sealed record GeneratorOptions(SchoolPhase Phase, int Pupils, int Seed, DateOnly AsOf)
{
    public bool IncludeProgress { get; init; } = true;
    public string Urn { get; init; } = "100001";
    public int LaCode { get; init; } = 201;

    /// <summary>The academic year the export holds: the one containing <see cref="AsOf"/>.</summary>
    public AcademicYear Year => AcademicYear.Containing(AsOf);

    /// <summary>A school's export of 2025/26 made on 10 July 2026: the year's data, KS2 results included.</summary>
    public static GeneratorOptions For(SchoolPhase phase, int pupils, int seed = 42) => new(phase, pupils, seed, new DateOnly(2026, 7, 10));
}
