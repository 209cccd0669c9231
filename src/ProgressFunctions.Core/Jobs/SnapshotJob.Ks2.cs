using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

// The KS2 results snapshot: taken from the summer term on, once the export brings Year 6's results, not at a term's
// start or end.
public sealed partial class SnapshotJob
{
    /// <summary>Takes the KS2 results snapshot once the export carries Year 6's test scaled scores, and queues its reports.</summary>
    /// <remarks>
    /// From the start of the summer term, the first run that finds a KS2 test scaled score for a Year 6 pupil on roll,
    /// dated in the academic year and on or before the as-of date, takes it: so the summary is made after results day,
    /// whenever the export brings the results, never from a cut-off before it. Taken once (create-if-absent); its
    /// reports are queued once, like a term snapshot's.
    /// </remarks>
    private async Task<(IReadOnlyList<string> Taken, int Queued, string Message)?> Ks2Async(SchoolState state, SchoolCalendar calendar, DateOnly asOf, CancellationToken cancellationToken)
    {
        var year = AcademicYear.Containing(asOf);
        var year6 = state.OnRoll(asOf).Where(p => p.YearGroup == 6).ToList();
        var scales = state.Profile?.Scales ?? GradeScaleSet.Standard;
        if (SummerOf(calendar, asOf) is not { } summer || asOf < summer.Start
            || !year6.Any(p => state.Progress.GetValueOrDefault(p.Id)?.Results.Any(r => r.Date >= year.Start && r.Date <= asOf
                && scales.TryGet(r.Scale, out var scale) && ReferenceEquals(scale, GradeScale.Ks2ScaledScore)) == true))
        {
            return null;
        }

        var key = SnapshotKey.For(state.SchoolId, summer, SnapshotPoint.Ks2Results);
        var id = DocumentId(key);
        var header = await SnapshotStore.ReadHeaderAsync(documents, state.SchoolId, id, cancellationToken);
        IReadOnlyList<string> taken = [];
        if (header is null)
        {
            var snapshot = SnapshotBuilder.Build(SchoolSnapshotInputs.For(state, calendar, state.Registers(calendar), key, asOf, null) with { Pupils = year6 });
            header = await SnapshotStore.SaveAsync(documents, state.SchoolId, id, snapshot, cancellationToken);
            taken = [id];
        }

        var queued = 0;
        if (!header.ReportsQueued)
        {
            var snapshot = await SnapshotStore.LoadAsync(documents, state.SchoolId, id, cancellationToken);
            var (messages, _) = Sending.SnapshotDecisions.Staff(snapshot!, id, state.Directory(), Sending.Letterheads.Of(state.Profile!), new Sending.SendReason("KS2 results in the export", snapshot!.AsOf));
            queued = await outgoing.DecideAsync(state.SchoolId, messages, cancellationToken);
            await SnapshotStore.MarkReportsQueuedAsync(documents, state.SchoolId, id, header, cancellationToken);
        }

        return (taken, queued, taken.Count == 0 && queued == 0 ? Ks2AlreadyTaken : $"KS2 results snapshot {id}: {queued} report requests queued");
    }

    private const string Ks2AlreadyTaken = "KS2 results snapshot already taken";
}
