namespace ProgressFunctions.Core.Attendance;

/// <summary>Why a pupil was late for one session, as the MIS recorded it, and the export that said so.</summary>
/// <remarks>
/// Kept only for late marks (<c>L</c>, <c>U</c>); shown only while the session's mark is still a late mark.
/// <see cref="ExportedAt"/> decides between two exports as it does for marks: an older export never replaces a reason a
/// newer one gave.
/// </remarks>
public sealed record LateReason(DateOnly Date, SessionOfDay Session, string Reason, DateTimeOffset ExportedAt)
{
    /// <summary>The longest reason kept; a longer one is cut here, with a warning.</summary>
    public const int MaxLength = 200;
}
