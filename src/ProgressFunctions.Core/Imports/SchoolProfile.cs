using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Imports;

/// <summary>What <c>school.json</c> says about the school: identity, calendar, grade scales and settings.</summary>
/// <remarks>
/// <see cref="Calendar"/> is null when the term dates were missing or rejected (the reasons are issues of
/// <c>school.json</c>). <see cref="ClosureDays"/> are planned whole-school closures besides INSET days; like INSET days
/// they are not pupil days. <see cref="Settings"/> are the school's settings, typed (<see cref="SchoolSettings"/>).
/// </remarks>
public sealed record SchoolProfile
{
    public required string Urn { get; init; }

    /// <summary>The id the trust files this school under, when it is not the URN (<c>schoolId</c> in school.json).</summary>
    public string? SchoolId { get; init; }
    public required string Name { get; init; }
    public SchoolPhase Phase { get; init; }
    public string LocalAuthority { get; init; } = "";
    public string Establishment { get; init; } = "";
    public IReadOnlyList<Term> Terms { get; init; } = [];
    public IReadOnlyList<DateOnly> InsetDays { get; init; } = [];
    public IReadOnlyList<DateOnly> ClosureDays { get; init; } = [];
    public SchoolCalendar? Calendar { get; init; }
    public IReadOnlyList<GradeScale> CustomScales { get; init; } = [];
    public IReadOnlyList<StaffRole> StaffRoles { get; init; } = [];
    public SchoolSettings Settings { get; init; } = SchoolSettings.Default;

    /// <summary>The national scales plus the school's own.</summary>
    public GradeScaleSet Scales => CustomScales.Aggregate(GradeScaleSet.Standard, (set, scale) => set.With(scale));
}

/// <summary>A pupil's attendance totals for one year, as a CTF carries them when it has no per-session marks.</summary>
public sealed record AttendanceSummary(string PupilId, AcademicYear Year, int Possible, int Attended, int Authorised, int Unauthorised);
