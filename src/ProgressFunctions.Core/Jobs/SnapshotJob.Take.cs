using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

// Taking the due snapshots in date order, each compared with the one before, and waiting for the export when the
// stored register does not reach a snapshot's last day.
public sealed partial class SnapshotJob
{
    /// <summary>Takes every snapshot in <paramref name="due"/> not yet stored, in order; queues reports for the one at <paramref name="reportIndex"/> (none when -1).</summary>
    private async Task<SnapshotJobResult> TakeInOrderAsync(SchoolState state, SchoolCalendar calendar, IReadOnlyList<DueSnapshot> due, int reportIndex, DateOnly asOf, CancellationToken cancellationToken)
    {
        Sending.Batch? batch = null;
        var schoolId = state.SchoolId;
        var (taken, already, queued, notSent) = (new List<string>(), new List<string>(), 0, 0);
        TermSnapshot? previous = null;
        string? previousId = null;
        var registers = new Lazy<IReadOnlyDictionary<string, Attendance.PupilRegister>>(() => state.Registers(calendar));
        (SnapshotInputs Inputs, PupilRowIndex Index)? rows = null;
        string? waiting = null;
        for (var i = 0; i < due.Count; i++)
        {
            var key = due[i].KeyFor(schoolId);
            var id = DocumentId(key);
            var header = await SnapshotStore.ReadHeaderAsync(documents, schoolId, id, cancellationToken);
            TermSnapshot? snapshot = null;
            if (header is null && MarksEndBefore(registers.Value, calendar, due[i].DataTo) is { } ends)
            {
                // Its reports would say "figures up to" a day the stored register does not reach: it waits for the export.
                waiting = $"the {due[i].Term.Name} {due[i].Point} snapshot waits for marks to {due[i].DataTo:yyyy-MM-dd} (the stored marks end {ends}): it is taken once an export brings them";
                logger.LogWarning("Snapshot {SnapshotId} of school {SchoolId} waits: the stored marks end before {DataTo}", id, schoolId, due[i].DataTo);
                break;
            }

            if (header is null)
            {
                // Each snapshot is compared with the one before it, loaded only when one has to be built.
                previous ??= previousId is null ? null : await SnapshotStore.LoadAsync(documents, schoolId, previousId, cancellationToken);
                // One set of rows, grouped once, for every snapshot still to take: it holds each pupil on roll on any of
                // their dates, and each snapshot keeps those on roll on its own date.
                rows ??= RowsFor(SchoolSnapshotInputs.For(state, calendar, registers.Value, key, due[i].DataTo, previous, onRollFrom: due[i].DataTo, onRollTo: due[^1].DataTo));
                var inputs = rows.Value.Inputs with { Key = key, AsOf = due[i].DataTo, Previous = previous };
                snapshot = SnapshotBuilder.Build(inputs, rows.Value.Index);
                header = await SnapshotStore.SaveAsync(documents, schoolId, id, snapshot, cancellationToken);
                taken.Add(id);
            }
            else
            {
                already.Add(id);
            }

            if (i == reportIndex && !header.ReportsQueued)
            {
                snapshot ??= await SnapshotStore.LoadAsync(documents, schoolId, id, cancellationToken);
                (queued, notSent, batch) = await DecideReportsAsync(state, snapshot!, id, asOf, cancellationToken);
                await SnapshotStore.MarkReportsQueuedAsync(documents, schoolId, id, header, cancellationToken);
            }

            (previous, previousId) = (snapshot, id);
        }

        var newer = batch is null ? null
            : Sending.BatchRules.NewerThan(batch, await documents.ListAsync<Sending.Batch>(schoolId, DocumentTypes.Batch, cancellationToken).Select(d => d.Body).ToListAsync(cancellationToken))?.Id;
        var message = Outcome(due.Count, taken, already.Count, queued)
            + (batch is null ? "" : $"; parent reports prepared as batch {batch.Id}: {batch.Messages} e-mails, {batch.NotReached} pupils not reached, "
                + (newer is not null ? $"older than batch {newer}: it goes only if released with --include-stale"
                    : batch.State == Sending.BatchState.Held ? $"held: {batch.HeldReason} (progress release --school {schoolId} --batch {batch.Id})"
                    : $"to go on {batch.ReleaseOn:yyyy-MM-dd} unless held"))
            + (waiting is null ? "" : "; " + waiting);
        return new SnapshotJobResult(taken, already, queued, notSent, message) { Batch = batch, Ran = waiting is null };
    }

    /// <summary>"on 2026-03-04" when no pupil has a mark on the last school day up to <paramref name="dataTo"/>; null when the register reaches it.</summary>
    private static string? MarksEndBefore(IReadOnlyDictionary<string, Attendance.PupilRegister> registers, SchoolCalendar calendar, DateOnly dataTo)
    {
        var schoolDays = calendar.DaysUpTo(dataTo);
        if (schoolDays == 0)
        {
            return null;
        }

        return Attendance.RegisterStatus.Of([.. registers.Values], calendar, dataTo).LatestMarked switch
        {
            null => "before the year's first school day",
            { } last when last < calendar.DayAt(schoolDays - 1) => $"on {last:yyyy-MM-dd}",
            _ => null,
        };
    }

    private static (SnapshotInputs, PupilRowIndex) RowsFor(SnapshotInputs inputs) => (inputs, PupilRowIndex.Of(inputs));
}
