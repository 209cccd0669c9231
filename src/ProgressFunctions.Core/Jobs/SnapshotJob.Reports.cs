using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;

namespace ProgressFunctions.Core.Jobs;

// Deciding a snapshot's reports: staff reports queued at once, parent reports prepared as a batch for review.
public sealed partial class SnapshotJob
{
    /// <summary>Decides the snapshot's reports: staff messages queued now, parent messages prepared as a batch; records staff no report can reach.</summary>
    private async Task<(int Queued, int NotReached, Sending.Batch? Batch)> DecideReportsAsync(
        SchoolState state, TermSnapshot snapshot, string snapshotId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var school = Sending.Letterheads.Of(state.Profile!);
        var batchId = $"parents-{snapshotId}";
        var sends = Sending.SnapshotDecisions.For(snapshot, snapshotId, state.Directory(), school, state.Profile!.Settings.ProtectParentReports, batchId);
        var queued = await outgoing.DecideAsync(state.SchoolId, sends.Staff, cancellationToken);
        await outgoing.RecordUndeliveredAsync(state.SchoolId, sends.StaffNotReached.Select(id =>
            new UndeliveredRecord($"snapshot.{snapshotId}", ReportKind.WholeSchool, id, [], StaffRouting.NoAddressReason, clock.GetUtcNow())), cancellationToken);
        if (sends.Parents.Count == 0 && sends.NotReached.Count == 0)
        {
            return (queued, 0, null);
        }

        var (batch, _) = await batches.PrepareAsync(state, Sending.BatchKind.ParentReports, batchId, snapshotId, TitleOf(snapshot.Key), snapshot.AsOf, asOf, sends.Parents, sends.NotReached, cancellationToken);
        return (queued, sends.NotReached.Count, batch);
    }

    /// <summary>"parent reports for the autumn term 2026/27 (start of term)".</summary>
    private static string TitleOf(SnapshotKey key) => $"parent reports for the {Reports.ReportFormat.TermLabel(key).ToLowerInvariant()} " + key.Point switch
    {
        SnapshotPoint.Start => "(start of term)",
        SnapshotPoint.End => "(end of term)",
        _ => "(KS2 results)",
    };
}
