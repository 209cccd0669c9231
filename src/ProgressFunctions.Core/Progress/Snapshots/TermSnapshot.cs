using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress.Ks2;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>A term snapshot: an immutable value, equal to any other snapshot made from the same inputs.</summary>
/// <remarks>
/// <see cref="Pupils"/> are ordered by pupil id and each pupil's subjects by name (ordinal), <see cref="Cohorts"/> as
/// <see cref="CohortProgress.AllOf"/> orders them, so equality and a serialised copy do not depend on input order.
/// <see cref="Ks2"/> is the Year 6 SATs summary, present only in the KS2 results snapshot
/// (<see cref="SnapshotPoint.Ks2Results"/>), taken once the export carries Year 6's test scaled scores.
/// <see cref="Issues"/> lists the input rows that were left out, and why.
/// </remarks>
public sealed record TermSnapshot(
    SnapshotKey Key,
    DateOnly AsOf,
    EquatableList<PupilSnapshot> Pupils,
    EquatableList<CohortProgress> Cohorts,
    Ks2Summary? Ks2,
    EquatableList<ProgressIssue> Issues)
{
    /// <summary>The pupil's figures in this snapshot, or null when the pupil is not in it.</summary>
    /// <remarks>
    /// Pupils are held in ordinal id order, so a binary search finds one; every parent report looks its pupil up, and
    /// a scan of a 1,500-pupil school per report was measurable. A snapshot whose pupils are not in that order (none is
    /// made so) is still answered correctly, by the scan, when the search misses.
    /// </remarks>
    public PupilSnapshot? Pupil(string pupilId)
    {
        var (low, high) = (0, Pupils.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(Pupils[middle].PupilId, pupilId);
            if (order == 0)
            {
                return Pupils[middle];
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return Pupils.FirstOrDefault(p => p.PupilId == pupilId);
    }

    public IEnumerable<PupilSnapshot> NotMakingExpectedProgress => Pupils.Where(p => p.NotMakingExpectedProgress);

    /// <summary>The snapshot's pupils as a directory (names as they were when it was taken), so its reports need nothing else; pupils of older snapshots without names are left out.</summary>
    /// <remarks><paramref name="staff"/>, when given, names the staff its reports mention (who leads an intervention).</remarks>
    public Reports.Routing.SchoolDirectory Directory(IEnumerable<Schools.StaffMember>? staff = null) => new(
        Pupils.Where(p => p.Name is not null).Select(p => new Schools.Pupil
        {
            Id = p.PupilId,
            Upn = p.Upn ?? "",
            LegalForename = p.Name!.LegalForename,
            LegalSurname = p.Name.LegalSurname,
            PreferredForename = p.Name.PreferredForename,
            YearGroup = p.YearGroup,
            RegistrationGroup = p.RegistrationGroup,
            Sen = p.Sen,
            // The characteristics the snapshot kept: without them every pupil of a report built from this directory read
            // as not disadvantaged (the year and subject workbooks' "Disadvantaged" column said "No" for every pupil).
            Gender = p.Characteristics?.Gender ?? "",
            FreeSchoolMeals = p.Characteristics?.FreeSchoolMeals ?? false,
            PupilPremium = p.Characteristics?.PupilPremium ?? false,
            EnglishAdditionalLanguage = p.Characteristics?.EnglishAdditionalLanguage ?? false,
            LookedAfter = p.Characteristics?.LookedAfter ?? false,
        }), [], [], staff ?? [], []);
}

/// <summary>Everything a snapshot is computed from. The job reads these; <see cref="SnapshotBuilder.Build(SnapshotInputs)"/> does the rest.</summary>
/// <remarks>
/// <see cref="AsOf"/> is the last day of data included (a <see cref="DueSnapshot.DataTo"/>); rows dated after it are
/// ignored. <see cref="Previous"/> is the school's snapshot before this one, if any, for the change since then.
/// <see cref="DefaultTargets"/>, when given, fills a target from the DfE transition matrices for each GCSE subject a
/// pupil has results in but no target (<see cref="DefaultTargets.DefaultTargetSetter"/>). <see cref="NeedsAttention"/>
/// is the school's pupil-level rule.
/// </remarks>
public sealed record SnapshotInputs
{
    public required SnapshotKey Key { get; init; }
    public required DateOnly AsOf { get; init; }
    public required SchoolCalendar Calendar { get; init; }
    public required IReadOnlyList<Pupil> Pupils { get; init; }
    public IReadOnlyList<PupilRegister> Registers { get; init; } = [];
    public IReadOnlyList<Target> Targets { get; init; } = [];
    public IReadOnlyList<AssessmentResult> Results { get; init; } = [];
    public IReadOnlyList<BehaviourEvent> Behaviour { get; init; } = [];
    public IReadOnlyList<HomeworkRecord> Homework { get; init; } = [];
    public IReadOnlyList<Interventions.Intervention> Interventions { get; init; } = [];
    public GradeScaleSet Scales { get; init; } = GradeScaleSet.Standard;
    public TermSnapshot? Previous { get; init; }
    public DefaultTargets.TransitionMatrices? DefaultTargets { get; init; }
    public NeedsAttentionRule NeedsAttention { get; init; } = NeedsAttentionRule.Default;
}
