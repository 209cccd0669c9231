using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>The groups a snapshot summarises: the reports each role receives are built on these.</summary>
public enum CohortKind
{
    School,
    YearGroup,
    Sen,
    Subject,
    TeachingGroup,
}

/// <summary>How many subject entries are in a progress band.</summary>
public sealed record BandCount(ProgressBand Band, int Entries);

/// <summary>A group of pupils at a snapshot: attendance, progress bands and pupils not making expected progress.</summary>
/// <remarks>
/// Attendance is summed over the group's pupils first, then divided (<see cref="CohortSummary"/>); pupils with no
/// possible sessions are outside the attendance figures only. For <see cref="CohortKind.Subject"/> and
/// <see cref="CohortKind.TeachingGroup"/> (<see cref="Name"/> is the teaching group, "" when none is known) the bands
/// and <see cref="NotMakingExpectedProgress"/> count that subject only; otherwise they count every subject, and a
/// pupil not making expected progress in any subject counts once. <see cref="NoResult"/> counts entries without a result.
/// <see cref="NeedsAttention"/> counts the group's pupils the school's needs-attention rule picks out, and
/// <see cref="PupilsWithResults"/> those with at least one result (in the subject, for a subject or teaching group).
/// </remarks>
public sealed record CohortProgress(
    CohortKind Kind,
    string Name,
    string? Subject,
    int Pupils,
    int PupilsWithPossibleSessions,
    AttendanceTotals YearAttendance,
    int PersistentAbsentees,
    int SevereAbsentees,
    EquatableList<BandCount> Bands,
    int NoResult,
    int NotMakingExpectedProgress,
    int BehaviourPoints)
{
    public int NeedsAttention { get; init; }

    public int PupilsWithResults { get; init; }

    public decimal? AttendanceRate => YearAttendance.AttendanceRate;

    public decimal? PersistentAbsenceRate => Percentages.Of(PersistentAbsentees, PupilsWithPossibleSessions);

    /// <summary>Every cohort of a snapshot in a fixed order: school, year groups, SEN groups, subjects each followed by their teaching groups (7A before 10A).</summary>
    public static EquatableList<CohortProgress> AllOf(IReadOnlyList<PupilSnapshot> pupils)
    {
        var cohorts = new List<CohortProgress> { OfPupils(CohortKind.School, "Whole school", pupils) };
        cohorts.AddRange(pupils.GroupBy(p => p.YearGroup).OrderBy(g => g.Key)
            .Select(g => OfPupils(CohortKind.YearGroup, g.Key == 0 ? "Reception" : $"Year {g.Key}", [.. g])));
        cohorts.AddRange(pupils.GroupBy(p => p.Sen).OrderBy(g => g.Key)
            .Select(g => OfPupils(CohortKind.Sen, SenLabel(g.Key), [.. g])));

        var entries = new List<(PupilSnapshot Pupil, SubjectSnapshot Subject)>(pupils.Sum(p => p.Subjects.Count));
        entries.AddRange(pupils.SelectMany(p => p.Subjects.Select(s => (Pupil: p, Subject: s))));
        var distinct = new DistinctPupils();
        foreach (var subject in entries.GroupBy(e => e.Subject.Subject, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            cohorts.Add(OfSubject(CohortKind.Subject, subject.Key, subject.Key, subject, distinct));
            cohorts.AddRange(subject.GroupBy(e => e.Subject.TeachingGroup ?? "", StringComparer.Ordinal).OrderBy(g => GroupNames.LeadingNumber(g.Key)).ThenBy(g => g.Key, GroupNames.Order)
                .Select(g => OfSubject(CohortKind.TeachingGroup, g.Key, subject.Key, g, distinct)));
        }

        return cohorts.ToEquatableList();
    }

    private static CohortProgress OfPupils(CohortKind kind, string name, IReadOnlyList<PupilSnapshot> pupils)
    {
        var bands = new BandTally();
        int notMaking = 0, needsAttention = 0, withResults = 0;
        foreach (var pupil in pupils)
        {
            foreach (var subject in pupil.Subjects)
            {
                bands.Add(subject.Band);
            }

            notMaking += pupil.NotMakingExpectedProgress ? 1 : 0;
            needsAttention += pupil.NeedsAttention is not null ? 1 : 0;
            withResults += pupil.HasResults ? 1 : 0;
        }

        return Build(kind, name, null, pupils, bands, notMaking) with { NeedsAttention = needsAttention, PupilsWithResults = withResults };
    }

    // A pupil's entries share one PupilSnapshot instance and a snapshot's pupils are distinct by id, so distinct by
    // reference is distinct by value without hashing every pupil's whole snapshot for each entry.
    private static CohortProgress OfSubject(
        CohortKind kind, string name, string subject, IEnumerable<(PupilSnapshot Pupil, SubjectSnapshot Subject)> entries, DistinctPupils distinct)
    {
        distinct.Clear();
        var pupils = new List<PupilSnapshot>();
        var bands = new BandTally();
        var notMaking = 0;
        foreach (var (pupil, entry) in entries)
        {
            if (distinct.Pupils.Add(pupil))
            {
                pupils.Add(pupil);
            }

            bands.Add(entry.Band);
            notMaking += entry.NotMakingExpectedProgress ? 1 : 0;
            if (pupil.NeedsAttention is not null)
            {
                distinct.NeedingAttention.Add(pupil.PupilId);
            }

            if (entry.Band is not null)
            {
                distinct.WithResults.Add(pupil.PupilId);
            }
        }

        return Build(kind, name, subject, pupils, bands, notMaking) with
        {
            NeedsAttention = distinct.NeedingAttention.Count,
            PupilsWithResults = distinct.WithResults.Count,
        };
    }

    private static CohortProgress Build(CohortKind kind, string name, string? subject, IReadOnlyList<PupilSnapshot> pupils, BandTally bands, int notMaking)
    {
        var attendance = CohortSummary.Of(name, pupils.Select(p => p.YearAttendance));
        var behaviour = 0;
        foreach (var pupil in pupils)
        {
            // Checked, as Sum is: a total that does not fit is an error, never a wrapped number.
            behaviour = checked(behaviour + pupil.BehaviourPoints);
        }

        return new CohortProgress(kind, name, subject, pupils.Count, attendance.Pupils, attendance.Totals, attendance.PersistentAbsentees,
            attendance.SevereAbsentees, bands.Counts(), bands.NoResult, notMaking, behaviour);
    }

    private static string SenLabel(SenStatus sen) => sen switch
    {
        SenStatus.Support => "SEN support (K)",
        SenStatus.Ehcp => "EHC plan (E)",
        _ => "No SEN",
    };
}

/// <summary>Subject entries per progress band, and those without a result, counted in one pass.</summary>
internal sealed class BandTally
{
    private readonly int[] _entries = new int[ProgressBands.All.Count];

    public int NoResult { get; private set; }

    public void Add(ProgressBand? band)
    {
        if (band is { } b)
        {
            _entries[(int)b]++;
        }
        else
        {
            NoResult++;
        }
    }

    public EquatableList<BandCount> Counts() => [.. ProgressBands.All.Select(b => new BandCount(b, _entries[(int)b]))];
}

/// <summary>The sets a subject cohort counts its pupils with, made once and cleared for each cohort.</summary>
internal sealed class DistinctPupils
{
    public HashSet<PupilSnapshot> Pupils { get; } = new(ReferenceEqualityComparer.Instance);

    public HashSet<string> NeedingAttention { get; } = new(StringComparer.Ordinal);

    public HashSet<string> WithResults { get; } = new(StringComparer.Ordinal);

    public void Clear()
    {
        Pupils.Clear();
        NeedingAttention.Clear();
        WithResults.Clear();
    }
}
