using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Synthetic;

/// <summary>What synthetic school to make.</summary>
/// <remarks>
/// Marks run from the first school day of <see cref="Year"/> to <see cref="AsOf"/> inclusive. With
/// <see cref="IncludeProgress"/> off, no assessments, targets, behaviour or homework are made (the large-trust
/// attendance benchmark needs only pupils and marks). The same options always give the same school.
/// </remarks>
public sealed record GeneratorOptions(SchoolPhase Phase, int Pupils, int Seed, AcademicYear Year, DateOnly AsOf)
{
    public int AssessmentPointsPerYear { get; init; } = 3;
    public bool IncludeProgress { get; init; } = true;
    public string Urn { get; init; } = "100001";
    public int LaCode { get; init; } = 201;

    /// <summary>The defaults the CLI uses: year 2025/26 as of 10 July 2026 (the whole year).</summary>
    public static GeneratorOptions For(SchoolPhase phase, int pupils, int seed = 42) =>
        new(phase, pupils, seed, new AcademicYear(2025), new DateOnly(2026, 7, 10));
}
