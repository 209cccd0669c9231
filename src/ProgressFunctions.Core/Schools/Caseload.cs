namespace ProgressFunctions.Core.Schools;

/// <summary>One pupil on a progress mentor's caseload.</summary>
/// <remarks>A pupil may be on more than one mentor's caseload; a mentor's weekly digest covers their own mentees and nobody else.</remarks>
public sealed record Mentee(string StaffId, string PupilId);
