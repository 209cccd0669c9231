using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;

namespace ProgressFunctions.Core.PupilGroups;

/// <summary>Why a group's figures are not shown.</summary>
public enum Suppression
{
    None,
    /// <summary>The group has fewer than <see cref="GroupFigures.MinimumPupils"/> pupils.</summary>
    SmallGroup,
    /// <summary>Hidden as well, so that a small group's figures cannot be worked out by subtraction from the whole.</summary>
    Complementary,
}

/// <summary>A group of pupils at a snapshot: every cohort figure the reports print, for the group alone.</summary>
/// <remarks>
/// Attendance is summed over the group's pupils first, then divided; pupils with no possible sessions are outside the
/// attendance figures (<see cref="PupilsWithPossibleSessions"/>). Persistent and severe absence are shares of those
/// pupils. <see cref="OnTrackOrAbove"/> counts subject entries with a result that are on track or above, of
/// <see cref="EntriesWithResults"/>. <see cref="NeedsAttention"/> counts pupils the school's rule picks out, of
/// <see cref="PupilsWithResults"/>. <see cref="BehaviourPoints"/> adds the group's behaviour points this term. Rates are
/// exact; reports round half-up for display.
/// </remarks>
public sealed record GroupFigures(
    string Label,
    int Pupils,
    int PupilsWithPossibleSessions,
    AttendanceTotals Attendance,
    int PersistentAbsentees,
    int SevereAbsentees,
    int EntriesWithResults,
    int OnTrackOrAbove,
    int PupilsWithResults,
    int NeedsAttention,
    int BehaviourPoints)
{
    /// <summary>Groups smaller than this are suppressed, as DfE does in its publications.</summary>
    public const int MinimumPupils = 5;

    public Suppression Suppressed { get; init; }

    public decimal? AttendanceRate => Attendance.AttendanceRate;

    public decimal? PersistentAbsenceRate => Percentages.Of(PersistentAbsentees, PupilsWithPossibleSessions);

    public decimal? SevereAbsenceRate => Percentages.Of(SevereAbsentees, PupilsWithPossibleSessions);

    public decimal? OnTrackOrAboveRate => Percentages.Of(OnTrackOrAbove, EntriesWithResults);

    public decimal? NeedsAttentionRate => Percentages.Of(NeedsAttention, PupilsWithResults);

    public decimal? BehaviourPointsPerPupil => Pupils == 0 ? null : (decimal)BehaviourPoints / Pupils;

    public static GroupFigures Of(string label, IReadOnlyList<PupilSnapshot> pupils)
    {
        var attendance = CohortSummary.Of(label, pupils.Select(p => p.YearAttendance));
        var entries = pupils.SelectMany(p => p.Subjects).Where(s => s.Band is not null).ToList();
        return new GroupFigures(label, pupils.Count, attendance.Pupils, attendance.Totals, attendance.PersistentAbsentees, attendance.SevereAbsentees,
            entries.Count, entries.Count(s => s.Band is ProgressBand.OnTrack or ProgressBand.Above),
            pupils.Count(p => p.HasResults), pupils.Count(p => p.NeedsAttention is not null), pupils.Sum(p => p.BehaviourPoints));
    }
}
