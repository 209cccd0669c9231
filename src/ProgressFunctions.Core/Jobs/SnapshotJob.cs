using Microsoft.Extensions.Logging;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress;
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
public sealed class SnapshotJob(IDocumentStore documents, SchoolStates states, OutgoingStore outgoing, BatchJob batches, TimeProvider clock, ILogger<SnapshotJob> logger)
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

    /// <summary>Takes one named snapshot of the as-of date's academic year, if its data is complete by then.</summary>
    /// <param name="schoolId">The school.</param>
    /// <param name="term">The term of the as-of date's academic year.</param>
    /// <param name="point">Its start or end.</param>
    /// <param name="asOf">The day it runs as; the snapshot must be complete by then.</param>
    /// <param name="includeStale">Decide its reports even when a later snapshot's were decided already (staff then get last term's reports now).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<SnapshotJobResult> TakeAsync(string schoolId, TermName term, SnapshotPoint point, DateOnly asOf, bool includeStale, CancellationToken cancellationToken) =>
        Logged(schoolId, await TakeNamedAsync(schoolId, term, point, asOf, includeStale, cancellationToken));

    private SnapshotJobResult Logged(string schoolId, SnapshotJobResult result)
    {
        logger.LogInformation("Snapshots for school {SchoolId}: ran {Ran}, {Taken} taken, {AlreadyTaken} already taken, {Queued} staff reports queued, batch {BatchId}",
            schoolId, result.Ran, result.Taken.Count, result.AlreadyTaken.Count, result.ReportsQueued, result.Batch?.Id);
        return result;
    }

    private async Task<SnapshotJobResult> TakeNamedAsync(string schoolId, TermName term, SnapshotPoint point, DateOnly asOf, bool includeStale, CancellationToken cancellationToken)
    {
        var state = await states.LoadAsync(schoolId, cancellationToken);
        if (state.Calendar is not { } calendar)
        {
            return NoCalendar(schoolId);
        }

        var year = SnapshotSchedule.For(calendar).Where(d => d.Term.Year == AcademicYear.Containing(asOf)).OrderBy(d => d.DataTo).ToList();
        var index = year.FindIndex(d => d.Term.Name == term && d.Point == point);
        if (index < 0)
        {
            // The date is often today, by default: when another year holds the term, say how to reach it.
            var elsewhere = calendar.Terms.Where(t => t.Name == term).Select(t => t.Year).Order().ToList();
            var hint = elsewhere.Count > 0
                ? $"to snapshot the {term} term of {elsewhere[^1]}, give a date in that year (--as-of)"
                : "check the terms in school.json";
            return new SnapshotJobResult([], [], 0, 0, $"the calendar has no {term} term in {AcademicYear.Containing(asOf)} ({calendar.YearsHeld()}): {hint}") { Ran = false };
        }

        if (!year[index].IsReadyOn(asOf))
        {
            return new SnapshotJobResult([], [], 0, 0, $"the {term} {point} snapshot covers data to {year[index].DataTo:yyyy-MM-dd}; it can be taken from {year[index].DataTo.AddDays(1):yyyy-MM-dd}") { Ran = false };
        }

        if (!includeStale && await OvertakenByAsync(schoolId, year[index], year[(index + 1)..], cancellationToken) is { } newer)
        {
            var taken = await TakeInOrderAsync(state, calendar, year[..(index + 1)], reportIndex: -1, asOf, cancellationToken);
            return taken with
            {
                Message = taken.Message + $"; its reports are not queued: those of {newer}, which is newer, were. "
                    + "Add --include-stale to send staff its reports now and prepare its parents' batch (which goes only if released with --include-stale)",
            };
        }

        return await TakeInOrderAsync(state, calendar, year[..(index + 1)], index, asOf, cancellationToken);
    }

    /// <summary>The id of a later snapshot whose reports were decided, when <paramref name="target"/>'s were not: its reports would be out of date.</summary>
    private async Task<string?> OvertakenByAsync(string schoolId, DueSnapshot target, IReadOnlyList<DueSnapshot> later, CancellationToken cancellationToken)
    {
        if (await SnapshotStore.ReadHeaderAsync(documents, schoolId, DocumentId(target.KeyFor(schoolId)), cancellationToken) is { ReportsQueued: true })
        {
            return null;
        }

        foreach (var snapshot in later.Reverse())
        {
            var id = DocumentId(snapshot.KeyFor(schoolId));
            if (await SnapshotStore.ReadHeaderAsync(documents, schoolId, id, cancellationToken) is { ReportsQueued: true })
            {
                return id;
            }
        }

        return null;
    }

    private static SnapshotJobResult NoCalendar(string schoolId) =>
        new([], [], 0, 0, $"school {schoolId} has no stored calendar: ingest an export with school.json first") { Ran = false };

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

    private const string Ks2AlreadyTaken = "KS2 results snapshot already taken";

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

    private static (SnapshotInputs, PupilRowIndex) RowsFor(SnapshotInputs inputs) => (inputs, PupilRowIndex.Of(inputs));

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
