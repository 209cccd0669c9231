using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress.Ks2;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Progress.Snapshots;

/// <summary>Makes a term snapshot from its inputs: read, then this pure compute, then write.</summary>
/// <remarks>
/// Pupils on roll on the snapshot date are included (admitted on or before it, leaving on or after it). Term
/// attendance, behaviour and homework run from the term's first day to <see cref="SnapshotInputs.AsOf"/>, both
/// inclusive; year attendance from 1 August. A pupil without a register has zero sessions. Nothing reads the clock,
/// and every collection is put in a fixed order, so the same inputs in any order give an equal snapshot.
/// </remarks>
public static class SnapshotBuilder
{
    /// <exception cref="ArgumentException">The calendar has no term for the key's year and term.</exception>
    public static TermSnapshot Build(SnapshotInputs inputs) => Build(inputs, PupilRowIndex.Of(inputs));

    /// <summary>Builds with rows already grouped by pupil: for the snapshots of one school built from the same rows.</summary>
    /// <exception cref="ArgumentException"><paramref name="index"/> groups other rows, or the calendar has no term for the key's year and term.</exception>
    internal static TermSnapshot Build(SnapshotInputs inputs, PupilRowIndex index)
    {
        if (!index.For(inputs))
        {
            throw new ArgumentException("the row index was made from other rows than these inputs'", nameof(index));
        }

        var key = inputs.Key;
        var asOf = inputs.AsOf;
        var term = inputs.Calendar.TermsOf(key.Year).FirstOrDefault(t => t.Name == key.Term)
            ?? throw new ArgumentException($"the school calendar has no {key.Term} term in {key.Year}", nameof(inputs));
        var termToDate = new DateRange(term.Start, asOf < term.End ? asOf : term.End);

        var onRoll = inputs.Pupils
            .Where(p => p.OnRollDuring(asOf, asOf))
            .DistinctBy(p => p.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var rows = new PupilRows(inputs, termToDate, index);
        var previous = SnapshotComparison.SubjectsOf(inputs.Previous);
        var inPrevious = (inputs.Previous?.Pupils ?? []).Select(p => p.PupilId).ToHashSet(StringComparer.Ordinal);
        var issues = new List<ProgressIssue>();
        var progress = new List<SubjectProgress>();
        var pupils = new List<PupilSnapshot>(onRoll.Count);
        foreach (var pupil in onRoll)
        {
            // Only on-roll pupils' rows are evaluated, so every issue found is one the snapshot keeps.
            var results = rows.ResultsToDate(pupil.Id);
            var targets = inputs.DefaultTargets is { } matrices ? TargetsWithDefaults(pupil, rows.Targets(pupil.Id), results, inputs, matrices) : rows.Targets(pupil.Id);
            progress.Clear();
            ProgressEvaluation.Evaluate(targets, results, inputs.Scales, asOf, progress, issues);
            pupils.Add(PupilOf(pupil, inputs, rows, termToDate, progress, inPrevious.Contains(pupil.Id) ? previous : null, targets) with { WithoutTarget = Untargeted.Of(targets, results, inputs.Scales) });
        }

        var ordered = ProgressEvaluation.Order(issues);
        var ks2 = key.Point == SnapshotPoint.Ks2Results ? Ks2Of([.. onRoll.Where(p => p.YearGroup == 6).Select(p => Ks2ResultReader.Read(p.Id, rows.ResultsToDate(p.Id)))]) : null;
        var allIssues = ks2 is { Issues.Count: > 0 } ? [.. ordered, .. ks2.Value.Issues] : ordered;
        return new TermSnapshot(key, asOf, pupils.ToEquatableList(), CohortProgress.AllOf(pupils), ks2?.Summary, allIssues);
    }

    private static PupilSnapshot PupilOf(
        Pupil p, SnapshotInputs inputs, PupilRows rows, DateRange termToDate, List<SubjectProgress> progress,
        Dictionary<SubjectKey, SubjectSnapshot>? previous, IReadOnlyList<Target> targets)
    {
        var asOf = inputs.AsOf;
        var register = rows.Register(p.Id);
        var subjects = progress
            .Select(s => SubjectOf(s, inputs.Scales, asOf, previous is not null, previous?.GetValueOrDefault(SubjectKey.Of(p.Id, s.Subject))))
            .OrderBy(s => s.Subject, StringComparer.Ordinal).ToEquatableList();
        var (behaviour, achievement) = PointsOf(rows.Behaviour(p.Id));
        var interventions = rows.Interventions(p.Id);
        return new PupilSnapshot(
            p.Id, p.YearGroup, p.RegistrationGroup, p.Sen,
            register?.Totals(termToDate) ?? AttendanceTotals.Zero,
            register is null ? AttendanceTotals.Zero : AttendanceMeasures.YearToDate(register, asOf),
            subjects, behaviour, achievement, HomeworkOf(rows.Homework(p.Id)))
        {
            Upn = p.Upn,
            Name = new PupilName(p.LegalForename, p.LegalSurname, p.PreferredForename),
            Weeks = register is null ? null : WeeklyRates.Write(WeeklyAttendance.Of(register, AttendanceMeasures.YearToDateRange(asOf))),
            TermMinutesLate = register?.MinutesLate(termToDate) ?? 0,
            NeedsAttention = inputs.NeedsAttention.Reason(subjects),
            Characteristics = PupilGroups.PupilCharacteristics.Of(p),
            Interventions = interventions.Count == 0 ? null
                : Interventions.InterventionImpact.For(p, interventions, register, inputs.Calendar, asOf, targets, rows.Results(p.Id), inputs.Scales),
        };
    }

    /// <summary>The pupil's targets, plus a default for each GCSE subject they have results in but no target for.</summary>
    /// <remarks>
    /// The pupil's KS2 prior attainment comes from their KS2 test scaled scores, when the school holds them; without,
    /// the matrices' "no scaled score" row is used. A default GCSE target is for the end of Year 11, so the course runs
    /// from the start of Year 10; in other years it is for the year.
    /// </remarks>
    private static IReadOnlyList<Target> TargetsWithDefaults(
        Pupil p, IReadOnlyList<Target> schoolTargets, IReadOnlyList<AssessmentResult> results, SnapshotInputs inputs, DefaultTargets.TransitionMatrices matrices)
    {
        var subjects = GcseSubjects(results, inputs.Scales);
        if (subjects.Count == 0)
        {
            return schoolTargets;
        }

        var year = AcademicYear.Containing(inputs.AsOf);
        var ks2 = Ks2ResultReader.Read(p.Id, results).Results;
        var prior = DefaultTargets.Ks2PriorAttainment.Of(ks2.Reading, ks2.Maths);
        var (start, end) = p.YearGroup switch
        {
            10 => ((DateOnly?)year.Start, (DateOnly?)new AcademicYear(year.StartYear + 1).End),
            11 => (new AcademicYear(year.StartYear - 1).Start, year.End),
            _ => ((DateOnly?)null, (DateOnly?)null),
        };
        var enrolments = subjects.Select(subject => new DefaultTargets.SubjectEnrolment(p.Id, subject, prior, start, end));
        return DefaultTargets.DefaultTargetSetter.Fill(schoolTargets, enrolments, matrices);
    }

    /// <summary>The subjects of the pupil's GCSE results, trimmed, each once (the first spelling, ignoring case), in ordinal order.</summary>
    private static List<string> GcseSubjects(IReadOnlyList<AssessmentResult> results, GradeScaleSet scales)
    {
        var subjects = new List<string>();
        foreach (var r in results)
        {
            if (scales.TryGet(r.Scale, out var scale) && ReferenceEquals(scale, GradeScale.Gcse) && r.Subject.Trim() is var subject && !Contains(subjects, subject))
            {
                subjects.Add(subject);
            }
        }

        // Names distinct ignoring case are distinct in ordinal order too, so this sort has no ties to keep in order.
        subjects.Sort(StringComparer.Ordinal);
        return subjects;

        static bool Contains(List<string> subjects, string subject)
        {
            foreach (var s in subjects)
            {
                if (string.Equals(s, subject, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    // previous is the subject in the previous snapshot, null also when that held the pupil (inPrevious) but no such subject.
    private static SubjectSnapshot SubjectOf(SubjectProgress progress, GradeScaleSet scales, DateOnly asOf, bool inPrevious, SubjectSnapshot? previous)
    {
        scales.TryGet(progress.Scale, out var scale);
        var latest = progress.Latest;
        var expected = latest?.Expected ?? progress.Path.ExpectedAt(asOf);
        // The same date and value as the previous snapshot's latest is the same result; a value corrected in the MIS since is a change.
        var notAssessed = latest is { } l && previous?.LatestOn == l.Date && previous.Current == l.Value;
        return new SubjectSnapshot(
            progress.Subject, progress.TeachingGroup, progress.Scale, latest?.Grade, latest?.Value, progress.TargetGrade, progress.TargetSource,
            expected, scale!.NearestGrade(expected), latest?.Band, progress.Concerns, notAssessed ? null : latest?.Value - previous?.Current, previous?.Band)
        {
            LatestOn = latest?.Date,
            NotAssessedSinceLast = notAssessed,
            FirstResultSinceLast = latest is not null && inPrevious && previous?.Current is null,
        };
    }

    /// <summary>Behaviour points (the negative events', as a positive number) and achievement points, in one pass.</summary>
    private static (int Behaviour, int Achievement) PointsOf(IReadOnlyList<BehaviourEvent> events)
    {
        int negative = 0, positive = 0;
        foreach (var e in events)
        {
            // Checked, as Sum is: a total that does not fit is an error, never a wrapped number.
            checked
            {
                negative += e.Points < 0 ? e.Points : 0;
                positive += e.Points > 0 ? e.Points : 0;
            }
        }

        return (-negative, positive);
    }

    private static HomeworkSummary HomeworkOf(IReadOnlyList<HomeworkRecord> records)
    {
        if (records.Count == 0)
        {
            return HomeworkSummary.None;
        }

        int completed = 0, late = 0, missing = 0;
        foreach (var h in records)
        {
            completed += h.Status == HomeworkStatus.Completed ? 1 : 0;
            late += h.Status == HomeworkStatus.Late ? 1 : 0;
            missing += h.Status == HomeworkStatus.Missing ? 1 : 0;
        }

        return new HomeworkSummary(completed, late, missing);
    }

    /// <summary>Year 6's KS2 summary and the rows it could not use; null when no Year 6 pupil has a KS2 outcome or problem.</summary>
    private static (Ks2Summary Summary, IReadOnlyList<ProgressIssue> Issues)? Ks2Of(List<(Ks2PupilResults Results, IReadOnlyList<ProgressIssue> Issues)> cohort)
    {
        if (cohort.All(c => c.Results is { Reading: null, Maths: null, Gps: null, WritingTa: null }) && cohort.All(c => c.Issues.Count == 0))
        {
            return null;
        }

        return (Ks2Summary.Of(cohort.Select(c => c.Results)), [.. cohort.SelectMany(c => c.Issues)]);
    }
}
