using ProgressFunctions.Core.Attendance;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Interventions;

/// <summary>One intervention of a pupil at a snapshot, with the pupil's attendance and progress in equal windows before it and from its start.</summary>
/// <remarks>
/// <see cref="WindowSchoolDays"/> is the length of both windows (0 when nothing can be compared yet; see
/// <see cref="InterventionImpact"/>). <see cref="ProgressBefore"/> and <see cref="ProgressDuring"/> are the pupil's mean
/// distance from their flight paths in grade points (result minus expected, averaged over the subjects compared),
/// exact; null when no subject has a result in both windows. <see cref="Open"/>: still running on the snapshot date.
/// </remarks>
public sealed record InterventionOutcome(
    string Type,
    DateOnly Start,
    DateOnly? End,
    bool Open,
    int WindowSchoolDays,
    AttendanceTotals Before,
    AttendanceTotals During,
    decimal? ProgressBefore,
    decimal? ProgressDuring)
{
    public string? StaffId { get; init; }

    public string? NotesId { get; init; }

    /// <summary>Both windows have possible sessions, so attendance can be compared.</summary>
    public bool AttendanceMeasured => WindowSchoolDays > 0 && Before.Possible > 0 && During.Possible > 0;

    /// <summary>Attendance from the start minus attendance before, in percentage points (exact).</summary>
    public decimal? AttendanceChange => AttendanceMeasured ? During.AttendanceRate - Before.AttendanceRate : null;

    /// <summary>Attendance was higher in the window from the start, compared on exact session counts.</summary>
    public bool AttendanceImproved => AttendanceMeasured && (long)During.Attended * Before.Possible > (long)Before.Attended * During.Possible;

    public decimal? ProgressChange => ProgressDuring - ProgressBefore;

    /// <summary>Closer to (or further ahead of) the flight paths after the start than before it.</summary>
    public bool ProgressImproved => ProgressChange > 0;
}

/// <summary>How a pupil did in an equal window before an intervention and from its start.</summary>
/// <remarks>
/// <para>
/// The window is the intervention's length in school days (its start to its end, or to the snapshot date while it is
/// open; both inclusive), but never longer than the school days the register holds before the start (from the
/// calendar's first day, or the pupil's admission): both windows are then the same number of school days. "Before" is
/// that many school days ending the day before the start; "from the start" is that many school days beginning on it.
/// Attendance is each window's sessions (summed, then divided for a rate).
/// </para>
/// <para>
/// Progress is the distance from the flight path (result minus expected, in grade points) of each subject with a
/// result dated inside the window from the start, against the same subject's latest result before the start; the
/// pupil's figure is the mean over those subjects. A subject without both results is left out; with none, progress
/// is not measured. Interventions that start after the snapshot date are not included.
/// </para>
/// </remarks>
public static class InterventionImpact
{
    public static EquatableList<InterventionOutcome>? For(
        Pupil pupil, IEnumerable<Intervention> interventions, PupilRegister? register, SchoolCalendar calendar, DateOnly asOf,
        IReadOnlyList<Target> targets, IReadOnlyList<AssessmentResult> results, GradeScaleSet scales)
    {
        var outcomes = interventions.Where(i => i.Start <= asOf).OrderBy(i => i.Start).ThenBy(i => i.Type, StringComparer.Ordinal)
            .Select(i => Of(i, pupil, register, calendar, asOf, targets, results, scales)).ToList();
        return outcomes.Count == 0 ? null : [.. outcomes];
    }

    public static InterventionOutcome Of(Intervention intervention, Pupil pupil, PupilRegister? register, SchoolCalendar calendar, DateOnly asOf,
        IReadOnlyList<Target> targets, IReadOnlyList<AssessmentResult> results, GradeScaleSet scales)
    {
        var start = calendar.DaysBefore(intervention.Start);
        var last = intervention.End is { } end && end < asOf ? end : asOf;
        var length = calendar.CountSchoolDays(new DateRange(intervention.Start, last));
        var first = pupil.AdmissionDate is { } admitted ? calendar.DaysBefore(admitted) : 0;
        var window = Math.Max(0, Math.Min(length, start - first));
        var (before, during) = register is null || window == 0
            ? (AttendanceTotals.Zero, AttendanceTotals.Zero)
            : (register.Totals((start - window) * 2, start * 2), register.Totals(start * 2, (start + window) * 2));
        var (progressBefore, progressDuring) = window == 0
            ? (null, null)
            : Progress(intervention.Start, calendar.DayAt(start + window - 1), targets, results, scales);
        return new InterventionOutcome(intervention.Type, intervention.Start, intervention.End, intervention.IsOpenOn(asOf), window, before, during, progressBefore, progressDuring)
        {
            StaffId = intervention.StaffId,
            NotesId = intervention.NotesId,
        };
    }

    private static (decimal? Before, decimal? During) Progress(DateOnly start, DateOnly windowEnd, IReadOnlyList<Target> targets, IReadOnlyList<AssessmentResult> results, GradeScaleSet scales)
    {
        var before = SubjectsAt(start.AddDays(-1), targets, results, scales)
            .Where(s => s.Latest is not null).ToDictionary(s => s.Subject, s => s.Latest!.Value.Difference, StringComparer.OrdinalIgnoreCase);
        var pairs = SubjectsAt(windowEnd, targets, results, scales)
            .Where(s => s.Latest is { } latest && latest.Date >= start && before.ContainsKey(s.Subject))
            .Select(s => (Before: before[s.Subject], During: s.Latest!.Value.Difference)).ToList();
        return pairs.Count == 0 ? (null, null) : (pairs.Average(p => p.Before), pairs.Average(p => p.During));
    }

    // The rows left out are the snapshot's to report, not the intervention's, so they are not put in order here.
    private static List<SubjectProgress> SubjectsAt(DateOnly asOf, IReadOnlyList<Target> targets, IReadOnlyList<AssessmentResult> results, GradeScaleSet scales)
    {
        var subjects = new List<SubjectProgress>();
        ProgressEvaluation.Evaluate(targets, results, scales, asOf, subjects, []);
        return subjects;
    }
}

/// <summary>One intervention type's outcomes over a group of pupils.</summary>
/// <remarks>
/// Each intervention counts once (a pupil on the same kind of intervention twice counts twice). Attendance before and
/// from the start sums the sessions of the interventions whose attendance was measured, then divides; progress is the
/// mean of the measured pupils' figures. <see cref="AttendanceImproved"/> and <see cref="ProgressImproved"/> count the
/// interventions whose pupil improved.
/// </remarks>
public sealed record InterventionTypeSummary(
    string Type,
    int Interventions,
    int Pupils,
    int Open,
    int AttendanceMeasured,
    AttendanceTotals Before,
    AttendanceTotals During,
    int AttendanceImproved,
    int ProgressMeasured,
    decimal? ProgressBefore,
    decimal? ProgressDuring,
    int ProgressImproved)
{
    public decimal? AttendanceChange => AttendanceMeasured == 0 ? null : During.AttendanceRate - Before.AttendanceRate;

    public decimal? ProgressChange => ProgressDuring - ProgressBefore;

    /// <summary>One summary per intervention type, by type name (ordinal).</summary>
    public static IReadOnlyList<InterventionTypeSummary> Of(IEnumerable<(string PupilId, InterventionOutcome Outcome)> outcomes) =>
        [.. outcomes.GroupBy(o => o.Outcome.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var attendance = g.Where(o => o.Outcome.AttendanceMeasured).ToList();
            var progress = g.Where(o => o.Outcome.ProgressChange is not null).ToList();
            return new InterventionTypeSummary(
                g.Key, g.Count(), g.Select(o => o.PupilId).Distinct(StringComparer.Ordinal).Count(), g.Count(o => o.Outcome.Open),
                attendance.Count, AttendanceTotals.Sum(attendance.Select(o => o.Outcome.Before)), AttendanceTotals.Sum(attendance.Select(o => o.Outcome.During)),
                attendance.Count(o => o.Outcome.AttendanceImproved),
                progress.Count, progress.Count == 0 ? null : progress.Average(o => o.Outcome.ProgressBefore!.Value),
                progress.Count == 0 ? null : progress.Average(o => o.Outcome.ProgressDuring!.Value), progress.Count(o => o.Outcome.ProgressImproved));
        })];
}
