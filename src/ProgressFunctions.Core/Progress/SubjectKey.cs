namespace ProgressFunctions.Core.Progress;

/// <summary>The one rule for matching a pupil's subject across targets, results and snapshots.</summary>
/// <remarks>Pupil ids match exactly; subject names case-insensitively after trimming ("maths " is "Maths").</remarks>
internal static class SubjectKey
{
    public static string Of(string pupilId, string subject) => pupilId + "\u001f" + subject.Trim().ToUpperInvariant();
}
