namespace ProgressFunctions.Core.Schools;

/// <summary>The roles that receive reports and alerts.</summary>
public enum StaffRoleKind
{
    Headteacher,
    DataManager,
    AttendanceOfficer,
    YearLeader,
    SubjectLeader,
    Senco,
    ProgressMentor,
    ProgressAssistant,
    Teacher,
    /// <summary>A governor (or the clerk to the governors): receives the termly governors' report, which names no pupil.</summary>
    Governor,
}

/// <summary>A member of staff; e-mail and names are personal data, never logged.</summary>
public sealed record StaffMember
{
    public required string Id { get; init; }
    public string Title { get; init; } = "";
    public required string Forename { get; init; }
    public required string Surname { get; init; }
    public required string Email { get; init; }

    public string DisplayName => string.IsNullOrEmpty(Title) ? $"{Forename} {Surname}" : $"{Title} {Surname}";
}

/// <summary>One role a member of staff holds, with what it covers.</summary>
/// <remarks>
/// <see cref="Scope"/> says which group the role covers: the year group number for <see cref="StaffRoleKind.YearLeader"/>
/// (e.g. "9"), the subject for <see cref="StaffRoleKind.SubjectLeader"/> (e.g. "Mathematics"), a registration or
/// teaching group for a teacher or mentor; null for whole-school roles.
/// </remarks>
public sealed record StaffRole(string StaffId, StaffRoleKind Role, string? Scope = null);
