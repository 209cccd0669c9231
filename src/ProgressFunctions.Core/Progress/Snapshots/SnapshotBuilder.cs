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
    public static TermSnapshot Build(SnapshotInputs inputs)
    {
        var key = inputs.Key;
        var asOf = inputs.AsOf;
        var term = inputs.Calendar.TermsOf(key.Year).FirstOrDefault(t => t.Name == key.Term)
            ?? throw new ArgumentException($"the school calendar has no {key.Term} term in {key.Year}", nameof(inputs));
        var termToDate = new DateRange(term.Start, asOf < term.End ? asOf : term.End);

        var onRoll = inputs.Pupils
            .Where(p => (p.AdmissionDate is null || p.AdmissionDate <= asOf) && (p.LeavingDate is null || p.LeavingDate >= asOf))
            .DistinctBy(p => p.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var targets = inputs.DefaultTargets is { } matrices ? DefaultTargetsFor(onRoll, inputs, matrices) : inputs.Targets;
        var progress = ProgressEvaluation.Evaluate(targets, inputs.Results, inputs.Scales, asOf);
        var subjectsByPupil = progress.Subjects.ToLookup(s => s.PupilId, StringComparer.Ordinal);
        var registers = inputs.Registers.ToDictionary(r => r.PupilId, StringComparer.Ordinal);
        var behaviour = inputs.Behaviour.Where(b => termToDate.Contains(b.Date)).ToLookup(b => b.PupilId, StringComparer.Ordinal);
        var homework = inputs.Homework.Where(h => termToDate.Contains(h.Due)).ToLookup(h => h.PupilId, StringComparer.Ordinal);
        var previous = SnapshotComparison.SubjectsOf(inputs.Previous);
        var impact = new InterventionInputs(inputs, targets);

        var pupils = onRoll.Select(p =>
        {
            var register = registers.GetValueOrDefault(p.Id);
            var subjects = subjectsByPupil[p.Id]
                .Select(s => SubjectOf(s, inputs.Scales, asOf, previous.GetValueOrDefault(SubjectKey.Of(p.Id, s.Subject))))
                .OrderBy(s => s.Subject, StringComparer.Ordinal).ToEquatableList();
            return new PupilSnapshot(
                p.Id, p.YearGroup, p.RegistrationGroup, p.Sen,
                register?.Totals(termToDate) ?? AttendanceTotals.Zero,
                register is null ? AttendanceTotals.Zero : AttendanceMeasures.YearToDate(register, asOf),
                subjects,
                -behaviour[p.Id].Where(b => b.Points < 0).Sum(b => b.Points),
                behaviour[p.Id].Where(b => b.Points > 0).Sum(b => b.Points),
                HomeworkOf(homework[p.Id]))
            {
                Upn = p.Upn,
                Name = new PupilName(p.LegalForename, p.LegalSurname, p.PreferredForename),
                Weeks = register is null ? null : WeeklyRates.Write(WeeklyAttendance.Of(register, AttendanceMeasures.YearToDateRange(asOf))),
                TermMinutesLate = register?.MinutesLate(termToDate) ?? 0,
                NeedsAttention = inputs.NeedsAttention.Reason(subjects),
                Characteristics = PupilGroups.PupilCharacteristics.Of(p),
                Interventions = impact.For(p, register),
            };
        }).ToEquatableList();

        var onRollIds = onRoll.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var issues = progress.Issues.Where(i => onRollIds.Contains(i.PupilId)).ToList();
        var ks2 = key.Point == SnapshotPoint.Ks2Results ? Ks2Of(onRoll.Where(p => p.YearGroup == 6), inputs.Results, asOf, issues) : null;
        return new TermSnapshot(key, asOf, pupils, CohortProgress.AllOf(pupils), ks2, issues.ToEquatableList());
    }

    /// <summary>The school's targets, plus a default for each GCSE subject an on-roll pupil has results in but no target for.</summary>
    /// <remarks>
    /// The pupil's KS2 prior attainment comes from their KS2 test scaled scores, when the school holds them; without,
    /// the matrices' "no scaled score" row is used. A default GCSE target is for the end of Year 11, so the course runs
    /// from the start of Year 10; in other years it is for the year.
    /// </remarks>
    private static List<Target> DefaultTargetsFor(IReadOnlyList<Pupil> onRoll, SnapshotInputs inputs, DefaultTargets.TransitionMatrices matrices)
    {
        var year = AcademicYear.Containing(inputs.AsOf);
        var results = inputs.Results.Where(r => r.Date <= inputs.AsOf).ToLookup(r => r.PupilId, StringComparer.Ordinal);
        var enrolments = onRoll.SelectMany(p =>
        {
            var ks2 = Ks2ResultReader.Read(p.Id, results[p.Id]).Results;
            var prior = DefaultTargets.Ks2PriorAttainment.Of(ks2.Reading, ks2.Maths);
            var (start, end) = p.YearGroup switch
            {
                10 => ((DateOnly?)year.Start, (DateOnly?)new AcademicYear(year.StartYear + 1).End),
                11 => (new AcademicYear(year.StartYear - 1).Start, year.End),
                _ => ((DateOnly?)null, (DateOnly?)null),
            };
            return results[p.Id]
                .Where(r => inputs.Scales.TryGet(r.Scale, out var scale) && ReferenceEquals(scale, GradeScale.Gcse))
                .Select(r => r.Subject.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
                .Select(subject => new DefaultTargets.SubjectEnrolment(p.Id, subject, prior, start, end));
        });
        return [.. DefaultTargets.DefaultTargetSetter.Fill(inputs.Targets, enrolments, matrices)];
    }

    private static SubjectSnapshot SubjectOf(SubjectProgress progress, GradeScaleSet scales, DateOnly asOf, SubjectSnapshot? previous)
    {
        scales.TryGet(progress.Scale, out var scale);
        var latest = progress.Latest;
        var expected = latest?.Expected ?? progress.Path.ExpectedAt(asOf);
        return new SubjectSnapshot(
            progress.Subject, progress.TeachingGroup, progress.Scale, latest?.Grade, latest?.Value, progress.TargetGrade, progress.TargetSource,
            expected, scale!.NearestGrade(expected), latest?.Band, progress.Concerns, latest?.Value - previous?.Current, previous?.Band);
    }

    private static HomeworkSummary HomeworkOf(IEnumerable<HomeworkRecord> records)
    {
        var list = records.ToList();
        return list.Count == 0
            ? HomeworkSummary.None
            : new HomeworkSummary(
                list.Count(h => h.Status == HomeworkStatus.Completed),
                list.Count(h => h.Status == HomeworkStatus.Late),
                list.Count(h => h.Status == HomeworkStatus.Missing));
    }

    private static Ks2Summary? Ks2Of(IEnumerable<Pupil> year6, IReadOnlyList<AssessmentResult> results, DateOnly asOf, List<ProgressIssue> issues)
    {
        var byPupil = results.Where(r => r.Date <= asOf).ToLookup(r => r.PupilId, StringComparer.Ordinal);
        var cohort = year6.Select(p => Ks2ResultReader.Read(p.Id, byPupil[p.Id])).ToList();
        if (cohort.All(c => c.Results is { Reading: null, Maths: null, Gps: null, WritingTa: null }) && cohort.All(c => c.Issues.Count == 0))
        {
            return null;
        }

        issues.AddRange(cohort.SelectMany(c => c.Issues));
        return Ks2Summary.Of(cohort.Select(c => c.Results));
    }
}

/// <summary>What each pupil's intervention outcomes are computed from, looked up per pupil.</summary>
internal sealed class InterventionInputs(SnapshotInputs inputs, IReadOnlyList<Target> targets)
{
    private readonly ILookup<string, Interventions.Intervention> _interventions = inputs.Interventions.ToLookup(i => i.PupilId, StringComparer.Ordinal);
    private readonly ILookup<string, Target> _targets = targets.ToLookup(t => t.PupilId, StringComparer.Ordinal);
    private readonly ILookup<string, AssessmentResult> _results = inputs.Results.ToLookup(r => r.PupilId, StringComparer.Ordinal);

    public EquatableList<Interventions.InterventionOutcome>? For(Pupil pupil, PupilRegister? register) =>
        _interventions[pupil.Id].Any()
            ? Interventions.InterventionImpact.For(pupil, _interventions[pupil.Id], register, inputs.Calendar, inputs.AsOf, [.. _targets[pupil.Id]], [.. _results[pupil.Id]], inputs.Scales)
            : null;
}
