using System.Globalization;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Sending;

namespace ProgressFunctions.Core.Jobs;

/// <summary>A school week whose weekly messages were decided: its existence is what makes them go once a week.</summary>
public sealed record WeekRun(DateOnly Monday, DateOnly DataTo, int Messages, int NotReached);

/// <summary>What a weekly decision did, in words, and the staff it could not reach, each with the reason (recorded as not sent).</summary>
public sealed record WeeklyOutcome(string Summary, IReadOnlyList<NotDecided> NotReached);

/// <summary>The school week a weekly decision covers: its Monday, and its school days up to the last day measured.</summary>
public sealed record DueWeek(DateOnly Monday, DateRange Days);

/// <summary>The weekly trigger: mentors' digests and the attendance officer's statutory summary, decided once per school week by the daily check.</summary>
/// <remarks>
/// <para>
/// A school week is the calendar's (<see cref="SchoolCalendar.WeekOfDay"/>): its school days between two breaks or
/// weekends. Its weekly messages are due on its last school day, once that day's register is in (the first run of the
/// check that finds marks for the day), and cover the week to that day. A week whose last day passed without a run that
/// saw its marks (no export that day, or no check) is caught up by the next school day's check, covering the whole week
/// as far as the registers then go; a week of an earlier academic year is never caught up.
/// </para>
/// <para>
/// Decided once: the <see cref="WeekRun"/> record, keyed by the week's Monday, is written last, after the messages;
/// a crash before it decides the same messages again (same ids, same bodies), and the send ledger keeps anyone from
/// receiving one twice.
/// </para>
/// </remarks>
public sealed class WeeklyJob(IDocumentStore documents, OutgoingStore outgoing, TimeProvider clock)
{
    /// <summary>The week due on <paramref name="asOf"/>, or null: not a school day, or no week to cover.</summary>
    /// <param name="calendar">The school's calendar.</param>
    /// <param name="asOf">The day of the check.</param>
    /// <param name="marksToday">Whether the register holds marks for <paramref name="asOf"/>.</param>
    /// <param name="measuredOn">The latest complete register: no week is covered past it.</param>
    public static DueWeek? Due(SchoolCalendar calendar, DateOnly asOf, bool marksToday, DateOnly measuredOn)
    {
        if (!calendar.TryGetDayIndex(asOf, out var today))
        {
            return null;
        }

        var week = calendar.WeekOfDay(today);
        var due = today == LastDayOf(calendar, week) && marksToday ? week : week - 1;
        if (due < 0 || AcademicYear.Containing(calendar.DayAt(calendar.FirstDayOfWeek(due))) != AcademicYear.Containing(asOf))
        {
            return null;
        }

        var first = calendar.DayAt(calendar.FirstDayOfWeek(due));
        var last = calendar.DayAt(LastDayOf(calendar, due));
        var to = last < measuredOn ? last : measuredOn;
        return to < first ? null : new DueWeek(calendar.WeekMonday(due), new DateRange(first, to));
    }

    /// <summary>Decides the due week's messages unless they were decided already; returns what it did and whom it could not reach, or null when nothing was due.</summary>
    public async Task<WeeklyOutcome?> RunAsync(SchoolState state, CheckDecisions.CheckRunInputs run, bool marksToday, CancellationToken cancellationToken)
    {
        if (Due(run.Calendar, run.AsOf, marksToday, run.RegisterDate ?? run.AsOf) is not { } due)
        {
            return null;
        }

        var id = due.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (await documents.ReadAsync<WeekRun>(run.SchoolId, DocumentTypes.WeekRun, id, cancellationToken) is not null)
        {
            return null;
        }

        var sends = WeeklyDecisions.For(Inputs(await MenteesProgressAsync(state, due, cancellationToken), run, due));
        await outgoing.DecideAsync(run.SchoolId, sends.Messages, cancellationToken);
        var now = clock.GetUtcNow();
        await outgoing.RecordUndeliveredAsync(run.SchoolId,
            sends.NotReached.Select(n => new UndeliveredRecord(n.ReportId, n.Kind, n.RecipientId, [], n.Reason, now) { Day = run.AsOf }), cancellationToken);
        await documents.CreateIfAbsentAsync(new Document<WeekRun>(run.SchoolId, DocumentTypes.WeekRun, id,
            new WeekRun(due.Monday, due.Days.End, sends.Messages.Count, sends.NotReached.Count)), cancellationToken);
        return new WeeklyOutcome($"week of {id}: {sends.Messages.Count(m => m.Kind == ReportKind.MentorDigest)} mentor digests, "
            + $"{sends.Messages.Count(m => m.Kind == ReportKind.WeeklySummary)} weekly summaries queued" + (sends.NotReached.Count > 0 ? $", {sends.NotReached.Count} not reached (recorded)" : ""),
            sends.NotReached);
    }

    /// <summary>The state with its mentees' progress documents: the check loads the school without any (<see cref="ProgressLoad.InterventionsOnly"/>).</summary>
    private async Task<SchoolState> MenteesProgressAsync(SchoolState state, DueWeek due, CancellationToken cancellationToken) =>
        state.Loaded == ProgressLoad.Every ? state : await state.WithProgressOfAsync(documents, MenteesOnRoll(state, due.Days.End).Select(p => p.Id), cancellationToken);

    private static List<Pupil> MenteesOnRoll(SchoolState state, DateOnly dataTo)
    {
        var mentees = state.Caseloads.Select(m => m.PupilId).ToHashSet(StringComparer.Ordinal);
        return [.. state.OnRoll(dataTo).Where(p => mentees.Contains(p.Id))];
    }

    /// <summary>The week's inputs: every pupil on a caseload and on roll on the week's last day, with their figures as of that day.</summary>
    private static WeeklyInputs Inputs(SchoolState state, CheckDecisions.CheckRunInputs run, DueWeek due)
    {
        var dataTo = due.Days.End;
        var onRoll = state.OnRoll(dataTo);
        var menteesOnRoll = MenteesOnRoll(state, dataTo);
        var figures = new Dictionary<string, PupilSnapshot>(StringComparer.Ordinal);
        if (menteesOnRoll.Count > 0 && run.Calendar.TermOf(dataTo) is { } term)
        {
            // The same rules as the term reports (default targets, the school's needs-attention rule), from these pupils' rows only.
            var inputs = SchoolSnapshotInputs.For(state, run.Calendar, run.Registers, SnapshotKey.For(run.SchoolId, term, SnapshotPoint.End), dataTo, previous: null, only: menteesOnRoll);
            foreach (var pupil in SnapshotBuilder.Build(inputs).Pupils)
            {
                figures[pupil.PupilId] = pupil;
            }
        }

        return new WeeklyInputs(run.SchoolId, due.Monday, due.Days, run.Directory, run.Registers, onRoll, state.Caseloads, figures, state.Progress, run.School)
        {
            OpenInterventions = onRoll.Select(p => (p.Id, Open: Alerts.AlertEngine.OpenInterventions(state.InterventionsOf(p.Id), dataTo)))
                .Where(p => p.Open is not null).ToDictionary(p => p.Id, p => p.Open!, StringComparer.Ordinal),
        };
    }

    private static int LastDayOf(SchoolCalendar calendar, int week) =>
        week + 1 < calendar.SchoolWeekCount ? calendar.FirstDayOfWeek(week + 1) - 1 : calendar.SchoolDayCount - 1;
}
