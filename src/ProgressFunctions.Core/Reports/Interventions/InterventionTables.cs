using ProgressFunctions.Core.Interventions;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Documents;
using ProgressFunctions.Core.Reports.Routing;
using static ProgressFunctions.Core.Reports.PupilGroups.GroupTables;
using static ProgressFunctions.Core.Reports.ReportFormat;

namespace ProgressFunctions.Core.Reports.Interventions;

/// <summary>The interventions section of the SEN, year-group and governors' reports: impact by type, and each pupil's interventions.</summary>
public static class InterventionTables
{
    public const string WindowNote =
        "Each intervention compares two windows of the same number of school days: the days just before it started, and the days from its start " +
        "(its length so far, or to its end; no longer than the days on record before it). Attendance is the window's sessions; progress is the mean " +
        "distance from the flight path, in grades, of the subjects with a result in the window from the start, against their last result before it " +
        "(0 is on the path). Improved: of the interventions measured, how many had higher attendance, or were closer to or further ahead of the path, " +
        "from the start than before.";

    public const string SmallTypeNote =
        "c: suppressed. A type of intervention with fewer than 5 pupils is not shown, as DfE does in its publications.";

    /// <summary>Every intervention of <paramref name="pupils"/> started by the snapshot date, with the pupil.</summary>
    public static List<(PupilSnapshot Pupil, InterventionOutcome Outcome)> Of(IEnumerable<PupilSnapshot> pupils) =>
        [.. pupils.SelectMany(p => (p.Interventions ?? []).Select(o => (p, o)))];

    /// <summary>The heading, the summary by type, each pupil's interventions (unless <paramref name="directory"/> is null: no pupil named) and the note; a sentence when there are none.</summary>
    public static IEnumerable<ReportBlock> Section(IReadOnlyList<(PupilSnapshot Pupil, InterventionOutcome Outcome)> outcomes, SchoolDirectory? directory, string whose, bool suppressSmall = false)
    {
        yield return new Heading("Interventions and their impact");
        if (outcomes.Count == 0)
        {
            yield return new Paragraph($"No intervention is recorded for {whose} in the export.");
            yield break;
        }

        var types = InterventionTypeSummary.Of(outcomes.Select(o => (o.Pupil.PupilId, o.Outcome)));
        yield return Summary(types, suppressSmall);
        if (directory is not null)
        {
            yield return PupilTable(outcomes, directory);
        }

        yield return new Paragraph(WindowNote, Small: true);
        if (suppressSmall && types.Any(t => t.Pupils < Core.PupilGroups.GroupFigures.MinimumPupils))
        {
            yield return new Paragraph(SmallTypeNote, Small: true);
        }
    }

    public static TableBlock Summary(IReadOnlyList<InterventionTypeSummary> types, bool suppressSmall = false) => new(
        [Column("Intervention", 2), Number("Pupils", 0.8), Number("Open", 0.7), Number("Attendance before, from start", 1.7), Number("Change", 0.9),
            Number("Improved", 1.1), Number("Progress before, from start", 1.6), Number("Change", 0.9), Number("Improved", 1.1)],
        [.. types.Select(t => suppressSmall && t.Pupils < Core.PupilGroups.GroupFigures.MinimumPupils
            ? new TableRow([t.Type, .. Enumerable.Repeat(SuppressedMark, 8)])
            : new TableRow(
            [
                t.Type, Count(t.Pupils), Count(t.Open),
                t.AttendanceMeasured == 0 ? "Not yet measured" : $"{Percent(t.Before.AttendanceRate)} to {Percent(t.During.AttendanceRate)}",
                Signed(t.AttendanceMeasured == 0 ? null : PrintedChange(t.Before.AttendanceRate, t.During.AttendanceRate)), $"{Count(t.AttendanceImproved)} of {Count(t.AttendanceMeasured)}",
                t.ProgressMeasured == 0 ? "No results yet" : $"{Signed(t.ProgressBefore)} to {Signed(t.ProgressDuring)}",
                Signed(PrintedChange(t.ProgressBefore, t.ProgressDuring)), $"{Count(t.ProgressImproved)} of {Count(t.ProgressMeasured)}",
            ]))],
        "Impact by type of intervention");

    /// <summary>The change as the summary prints it: the two figures beside it, each first rounded half-up to one decimal place, subtracted; null when either is unknown.</summary>
    /// <remarks>Subtracting the exact figures printed "-0.3 to -0.3" with a change of -0.1, which a reader took for an error (as <see cref="PrintedGap"/> found for the disadvantage gap).</remarks>
    public static decimal? PrintedChange(decimal? before, decimal? during) =>
        before is { } b && during is { } d ? Percentages.RoundHalfUp(d, 1) - Percentages.RoundHalfUp(b, 1) : null;

    public static TableBlock PupilTable(IEnumerable<(PupilSnapshot Pupil, InterventionOutcome Outcome)> outcomes, SchoolDirectory directory) => new(
        [Column("Pupil", 2), Column("Intervention", 1.8), Column("Dates", 1.6), Number("Window (days)", 0.9), Number("Attendance before, from start", 1.7), Number("Progress before, from start", 1.6)],
        [.. outcomes.InPupilNameOrder(o => NameOf(directory, o.Pupil.PupilId), o => o.Pupil.PupilId).ThenBy(o => o.Outcome.Start).Select(o => new TableRow(
            [
                NameOf(directory, o.Pupil.PupilId), o.Outcome.Type + (o.Outcome.NotesId is { } notes ? $" (notes {notes})" : ""), Dates(o.Outcome),
                Count(o.Outcome.WindowSchoolDays),
                o.Outcome.AttendanceMeasured ? $"{Percent(o.Outcome.Before.AttendanceRate)} to {Percent(o.Outcome.During.AttendanceRate)}" : "Not yet measured",
                o.Outcome.ProgressChange is null ? "No result to compare" : $"{Signed(o.Outcome.ProgressBefore)} to {Signed(o.Outcome.ProgressDuring)}",
            ],
            o.Outcome.AttendanceMeasured && !o.Outcome.AttendanceImproved && o.Outcome.AttendanceChange < 0 ? Tone.Caution : Tone.Normal))],
        "Each pupil's interventions");

    /// <summary>"3 Mar 2026 to 24 Apr 2026", or "from 3 Mar 2026, open".</summary>
    public static string Dates(InterventionOutcome outcome) =>
        outcome.End is { } end && !outcome.Open ? $"{Date(outcome.Start)} to {Date(end)}" : $"from {Date(outcome.Start)}, open";
}
