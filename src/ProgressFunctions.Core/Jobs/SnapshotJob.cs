using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The pupils whose reports could not be addressed, and why, for the school to follow up another way.</summary>
public sealed record NotSentList(string SnapshotId, IReadOnlyList<NotSent> NotSent);

public sealed record SnapshotJobResult(IReadOnlyList<string> Taken, IReadOnlyList<string> AlreadyTaken, int ReportsQueued, int NotSent, string Message)
{
    /// <summary>The batch of parent reports this run prepared, if it prepared one.</summary>
    public Sending.Batch? Batch { get; init; }

    /// <summary>False when the job could not run (no calendar, no such term, data not complete yet): the CLI exits 2.</summary>
    public bool Ran { get; init; } = true;
}

/// <summary>Takes the term snapshots that are due by the school's own calendar, catching up any that were missed.</summary>
/// <remarks>
/// A snapshot is keyed by (school, year, term, point) and created only if absent, so it is never taken twice. Missed
/// snapshots are taken in date order so each compares with the one before; only the latest due snapshot decides its
/// reports, because parents should not receive last term's report weeks late. Deciding them stores one message per
/// recipient (<see cref="Sending.SnapshotDecisions"/>): staff reports are queued at once, parent reports become a
/// batch that staff review before it goes (<see cref="BatchJob"/>). The stored snapshot is flagged once its reports
/// are decided, so taking it again never decides, or sends, anything twice; a crash before the flag decides again,
/// the same way, and the send ledger keeps anyone from receiving a report twice. A snapshot named by hand whose
/// reports were never decided, when a later one's were, is overtaken: its reports are decided only when staff ask
/// for them knowing so (<c>includeStale</c>), as an overtaken batch goes only when released so.
/// </remarks>
public sealed partial class SnapshotJob(IDocumentStore documents, SchoolStates states, OutgoingStore outgoing, BatchJob batches, TimeProvider clock, ILogger<SnapshotJob> logger)
{
    public async Task<SnapshotJobResult> RunDueAsync(string schoolId, DateOnly asOf, CancellationToken cancellationToken) =>
        Logged(schoolId, await DueAsync(schoolId, asOf, cancellationToken));

    private async Task<SnapshotJobResult> DueAsync(string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (await AlreadyDoneAsync(schoolId, asOf, cancellationToken) is { } done)
        {
            return done;
        }

        var state = await states.LoadAsync(schoolId, cancellationToken);
        if (state.Calendar is not { } calendar)
        {
            return NoCalendar(schoolId);
        }

        var due = DueThisYear(calendar, asOf);
        var result = await TakeInOrderAsync(state, calendar, due, due.Count - 1, asOf, cancellationToken);
        return await Ks2Async(state, calendar, asOf, cancellationToken) is { } ks2
            ? result with { Taken = [.. result.Taken, .. ks2.Taken], ReportsQueued = result.ReportsQueued + ks2.Queued, Message = result.Message + "; " + ks2.Message }
            : result;
    }

    /// <summary>What a run would find when every due snapshot is stored with its reports decided: told from the profile and the snapshots' headers, without loading the school.</summary>
    /// <remarks>
    /// Most school days nothing is due, and loading the school to find that out read every pupil's documents (docs/cost.md).
    /// Null, so that the school is loaded, when a due snapshot is missing, the latest one's reports are not yet decided,
    /// or the summer term has begun and the KS2 results snapshot is not stored with its reports decided (whether it is
    /// due depends on the pupils' results). The import lock's busy rules apply as they do to a load.
    /// </remarks>
    private async Task<SnapshotJobResult?> AlreadyDoneAsync(string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        await SchoolState.ReadImportLockAsync(documents, clock, schoolId, cancellationToken);
        var stored = await documents.ReadAsync<StoredProfile>(schoolId, DocumentTypes.Profile, DocumentTypes.Profile, cancellationToken);
        if (stored is null || SchoolState.ParseProfile(stored.Body.SchoolJson)?.Calendar is not { } calendar)
        {
            return null;
        }

        var due = DueThisYear(calendar, asOf);
        var already = new List<string>();
        foreach (var snapshot in due)
        {
            var id = DocumentId(snapshot.KeyFor(schoolId));
            if (await SnapshotStore.ReadHeaderAsync(documents, schoolId, id, cancellationToken) is not { } header || (already.Count == due.Count - 1 && !header.ReportsQueued))
            {
                return null;
            }

            already.Add(id);
        }

        var message = Outcome(due.Count, [], already.Count, 0);
        if (SummerOf(calendar, asOf) is { } summer && asOf >= summer.Start)
        {
            var ks2 = await SnapshotStore.ReadHeaderAsync(documents, schoolId, DocumentId(SnapshotKey.For(schoolId, summer, SnapshotPoint.Ks2Results)), cancellationToken);
            if (ks2 is not { ReportsQueued: true })
            {
                return null;
            }

            message += "; " + Ks2AlreadyTaken;
        }

        return new SnapshotJobResult([], already, 0, 0, message);
    }

    private SnapshotJobResult Logged(string schoolId, SnapshotJobResult result)
    {
        logger.LogInformation("Snapshots for school {SchoolId}: ran {Ran}, {Taken} taken, {AlreadyTaken} already taken, {Queued} staff reports queued, batch {BatchId}",
            schoolId, result.Ran, result.Taken.Count, result.AlreadyTaken.Count, result.ReportsQueued, result.Batch?.Id);
        return result;
    }

    private static SnapshotJobResult NoCalendar(string schoolId) =>
        new([], [], 0, 0, $"school {schoolId} has no stored calendar: ingest an export with school.json first") { Ran = false };

    /// <summary>The as-of date's academic year's snapshots whose data is complete by then, oldest first.</summary>
    private static List<DueSnapshot> DueThisYear(SchoolCalendar calendar, DateOnly asOf) =>
        [.. SnapshotSchedule.ReadyOn(calendar, asOf).Where(d => d.Term.Year == AcademicYear.Containing(asOf)).OrderBy(d => d.DataTo)];

    private static Term? SummerOf(SchoolCalendar calendar, DateOnly asOf) =>
        calendar.TermsOf(AcademicYear.Containing(asOf)).FirstOrDefault(t => t.Name == TermName.Summer);

    /// <summary>"2 snapshots taken (…), 1 already taken; 18 staff reports queued", or "no snapshot is due yet".</summary>
    private static string Outcome(int due, IReadOnlyList<string> taken, int already, int queued) =>
        due == 0 ? "no snapshot is due yet"
        : (taken.Count == 0 ? "0 snapshots taken" : $"{taken.Count} snapshots taken ({string.Join(", ", taken)})") + $", {already} already taken; {queued} staff reports queued";

    /// <summary>The snapshot's id within the school's partition, e.g. <c>2025-26-autumn-end</c>.</summary>
    public static string DocumentId(SnapshotKey key) => key.Id[(key.Id.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
