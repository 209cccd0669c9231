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

        var entries = pupils.SelectMany(p => p.Subjects.Select(s => (Pupil: p, Subject: s))).ToList();
        foreach (var subject in entries.GroupBy(e => e.Subject.Subject, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            cohorts.Add(OfSubject(CohortKind.Subject, subject.Key, subject.Key, [.. subject]));
            cohorts.AddRange(subject.GroupBy(e => e.Subject.TeachingGroup ?? "", StringComparer.Ordinal).OrderBy(g => GroupNames.LeadingNumber(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => OfSubject(CohortKind.TeachingGroup, g.Key, subject.Key, [.. g])));
        }

        return cohorts.ToEquatableList();
    }

    private static CohortProgress OfPupils(CohortKind kind, string name, IReadOnlyList<PupilSnapshot> pupils) =>
        Build(kind, name, null, pupils, [.. pupils.SelectMany(p => p.Subjects)], pupils.Count(p => p.NotMakingExpectedProgress)) with
        {
            NeedsAttention = pupils.Count(p => p.NeedsAttention is not null),
            PupilsWithResults = pupils.Count(p => p.HasResults),
        };

    // A pupil's entries share one PupilSnapshot instance and a snapshot's pupils are distinct by id, so distinct by
    // reference is distinct by value without hashing every pupil's whole snapshot for each entry.
    private static CohortProgress OfSubject(CohortKind kind, string name, string subject, IReadOnlyList<(PupilSnapshot Pupil, SubjectSnapshot Subject)> entries) =>
        Build(kind, name, subject, [.. entries.Select(e => e.Pupil).Distinct(ReferenceEqualityComparer.Instance).Cast<PupilSnapshot>()], [.. entries.Select(e => e.Subject)],
            entries.Count(e => e.Subject.NotMakingExpectedProgress)) with
        {
            NeedsAttention = entries.Where(e => e.Pupil.NeedsAttention is not null).Select(e => e.Pupil.PupilId).Distinct(StringComparer.Ordinal).Count(),
            PupilsWithResults = entries.Where(e => e.Subject.Band is not null).Select(e => e.Pupil.PupilId).Distinct(StringComparer.Ordinal).Count(),
        };

    private static CohortProgress Build(CohortKind kind, string name, string? subject, IReadOnlyList<PupilSnapshot> pupils, IReadOnlyList<SubjectSnapshot> subjects, int notMaking)
    {
        var attendance = CohortSummary.Of(name, pupils.Select(p => p.YearAttendance));
        var bands = ProgressBands.All.Select(b => new BandCount(b, subjects.Count(s => s.Band == b))).ToEquatableList();
        return new CohortProgress(kind, name, subject, pupils.Count, attendance.Pupils, attendance.Totals, attendance.PersistentAbsentees,
            attendance.SevereAbsentees, bands, subjects.Count(s => s.Band is null), notMaking, pupils.Sum(p => p.BehaviourPoints));
    }

    private static string SenLabel(SenStatus sen) => sen switch
    {
        SenStatus.Support => "SEN support (K)",
        SenStatus.Ehcp => "EHC plan (E)",
        _ => "No SEN",
    };
}
