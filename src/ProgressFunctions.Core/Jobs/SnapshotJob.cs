using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports.Routing;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The pupils whose reports could not be addressed, and why, for the school to follow up another way.</summary>
public sealed record NotSentList(string SnapshotId, IReadOnlyList<NotSent> NotSent);

public sealed record SnapshotJobResult(IReadOnlyList<string> Taken, IReadOnlyList<string> AlreadyTaken, int ReportsQueued, int NotSent, string Message);

/// <summary>Takes the term snapshots that are due by the school's own calendar, catching up any that were missed.</summary>
/// <remarks>
/// A snapshot is keyed by (school, year, term, point) and created only if absent, so it is never taken twice. Missed
/// snapshots are taken in date order so each compares with the one before; only the latest due snapshot queues
/// reports, because parents should not receive last term's report weeks late. The stored snapshot is flagged once
/// its report requests are queued; a crash before the flag re-queues them, and the send ledger keeps anyone from
/// receiving a report twice.
/// </remarks>
public static class SnapshotJob
{
    public static async Task<SnapshotJobResult> RunDueAsync(JobContext context, string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var state = await SchoolState.LoadAsync(context, schoolId, cancellationToken);
        if (state.Calendar is not { } calendar)
        {
            return NoCalendar(schoolId);
        }

        var due = SnapshotSchedule.ReadyOn(calendar, asOf).Where(d => d.Term.Year == AcademicYear.Containing(asOf)).OrderBy(d => d.DataTo).ToList();
        var result = await TakeInOrderAsync(context, state, calendar, due, due.Count - 1, cancellationToken);
        return await Ks2Async(context, state, calendar, asOf, cancellationToken) is { } ks2
            ? result with { Taken = [.. result.Taken, .. ks2.Taken], ReportsQueued = result.ReportsQueued + ks2.Queued, Message = result.Message + "; " + ks2.Message }
            : result;
    }

    /// <summary>Takes the KS2 results snapshot once the export carries Year 6's test scaled scores, and queues its reports.</summary>
    /// <remarks>
    /// From the start of the summer term, the first run that finds a KS2 test scaled score for a Year 6 pupil on roll,
    /// dated in the academic year and on or before the as-of date, takes it: so the summary is made after results day,
    /// whenever the export brings the results, never from a cut-off before it. Taken once (create-if-absent); its
    /// reports are queued once, like a term snapshot's.
    /// </remarks>
    private static async Task<(IReadOnlyList<string> Taken, int Queued, string Message)?> Ks2Async(JobContext context, SchoolState state, SchoolCalendar calendar, DateOnly asOf, CancellationToken cancellationToken)
    {
        var year = AcademicYear.Containing(asOf);
        var year6 = state.OnRoll(asOf).Where(p => p.YearGroup == 6).ToList();
        var scales = state.Profile?.Scales ?? GradeScaleSet.Standard;
        if (calendar.TermsOf(year).FirstOrDefault(t => t.Name == TermName.Summer) is not { } summer || asOf < summer.Start
            || !year6.Any(p => state.Progress.GetValueOrDefault(p.Id)?.Results.Any(r => r.Date >= year.Start && r.Date <= asOf
                && scales.TryGet(r.Scale, out var scale) && ReferenceEquals(scale, GradeScale.Ks2ScaledScore)) == true))
        {
            return null;
        }

        var key = SnapshotKey.For(state.SchoolId, summer, SnapshotPoint.Ks2Results);
        var id = DocumentId(key);
        var header = await SnapshotStore.ReadHeaderAsync(context, state.SchoolId, id, cancellationToken);
        IReadOnlyList<string> taken = [];
        if (header is null)
        {
            var snapshot = SnapshotBuilder.Build(Inputs(state, calendar, state.Registers(calendar), key, asOf, null) with { Pupils = year6 });
            header = await SnapshotStore.SaveAsync(context, state.SchoolId, id, snapshot, cancellationToken);
            taken = [id];
        }

        var queued = 0;
        if (!header.ReportsQueued)
        {
            var snapshot = await SnapshotStore.LoadAsync(context, state.SchoolId, id, cancellationToken);
            var requests = ReportRequests.ForKs2(snapshot!, id, state.Directory());
            await QueueAsync(context, requests, cancellationToken);
            await SnapshotStore.MarkReportsQueuedAsync(context, state.SchoolId, id, header, cancellationToken);
            queued = requests.Count;
        }

        return (taken, queued, taken.Count == 0 && queued == 0 ? "KS2 results snapshot already taken" : $"KS2 results snapshot {id}: {queued} report requests queued");
    }

    /// <summary>Takes one named snapshot of the as-of date's academic year, if its data is complete by then.</summary>
    public static async Task<SnapshotJobResult> TakeAsync(JobContext context, string schoolId, TermName term, SnapshotPoint point, DateOnly asOf, CancellationToken cancellationToken)
    {
        var state = await SchoolState.LoadAsync(context, schoolId, cancellationToken);
        if (state.Calendar is not { } calendar)
        {
            return NoCalendar(schoolId);
        }

        var year = SnapshotSchedule.For(calendar).Where(d => d.Term.Year == AcademicYear.Containing(asOf)).OrderBy(d => d.DataTo).ToList();
        var index = year.FindIndex(d => d.Term.Name == term && d.Point == point);
        if (index < 0)
        {
            return new SnapshotJobResult([], [], 0, 0, $"the calendar has no {term} term in {AcademicYear.Containing(asOf)}");
        }

        if (!year[index].IsReadyOn(asOf))
        {
            return new SnapshotJobResult([], [], 0, 0, $"the {term} {point} snapshot covers data to {year[index].DataTo:yyyy-MM-dd}; it can be taken from {year[index].DataTo.AddDays(1):yyyy-MM-dd}");
        }

        return await TakeInOrderAsync(context, state, calendar, year[..(index + 1)], index, cancellationToken);
    }

    private static SnapshotJobResult NoCalendar(string schoolId) =>
        new([], [], 0, 0, $"school {schoolId} has no stored calendar: ingest an export with school.json first");

    /// <summary>Takes every snapshot in <paramref name="due"/> not yet stored, in order; queues reports for the one at <paramref name="reportIndex"/>.</summary>
    private static async Task<SnapshotJobResult> TakeInOrderAsync(JobContext context, SchoolState state, SchoolCalendar calendar, IReadOnlyList<DueSnapshot> due, int reportIndex, CancellationToken cancellationToken)
    {
        var schoolId = state.SchoolId;
        var (taken, already, queued, notSent) = (new List<string>(), new List<string>(), 0, 0);
        TermSnapshot? previous = null;
        string? previousId = null;
        var registers = new Lazy<IReadOnlyDictionary<string, Attendance.PupilRegister>>(() => state.Registers(calendar));
        for (var i = 0; i < due.Count; i++)
        {
            var key = due[i].KeyFor(schoolId);
            var id = DocumentId(key);
            var header = await SnapshotStore.ReadHeaderAsync(context, schoolId, id, cancellationToken);
            TermSnapshot? snapshot = null;
            if (header is null)
            {
                // Each snapshot is compared with the one before it, loaded only when one has to be built.
                previous ??= previousId is null ? null : await SnapshotStore.LoadAsync(context, schoolId, previousId, cancellationToken);
                snapshot = SnapshotBuilder.Build(Inputs(state, calendar, registers.Value, key, due[i].DataTo, previous));
                header = await SnapshotStore.SaveAsync(context, schoolId, id, snapshot, cancellationToken);
                taken.Add(id);
            }
            else
            {
                already.Add(id);
            }

            if (i == reportIndex && !header.ReportsQueued)
            {
                snapshot ??= await SnapshotStore.LoadAsync(context, schoolId, id, cancellationToken);
                var (requests, refused) = ReportRequests.For(snapshot!, id, state.Directory());
                await QueueAsync(context, requests, cancellationToken);
                await context.Documents.UpsertAsync(new Document<NotSentList>(schoolId, DocumentTypes.Snapshot + "-not-sent", id, new NotSentList(id, refused)), cancellationToken);
                await SnapshotStore.MarkReportsQueuedAsync(context, schoolId, id, header, cancellationToken);
                (queued, notSent) = (requests.Count, refused.Count);
            }

            (previous, previousId) = (snapshot, id);
        }

        var message = due.Count == 0 ? "no snapshot is due yet"
            : (taken.Count == 0 ? "0 snapshots taken" : $"{taken.Count} snapshots taken ({string.Join(", ", taken)})")
              + $", {already.Count} already taken; {queued} report requests queued, {notSent} reports not addressable";
        return new SnapshotJobResult(taken, already, queued, notSent, message);
    }

    /// <summary>The snapshot's id within the school's partition, e.g. <c>2025-26-autumn-end</c>.</summary>
    public static string DocumentId(SnapshotKey key) => key.Id[(key.Id.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static SnapshotInputs Inputs(SchoolState state, SchoolCalendar calendar, IReadOnlyDictionary<string, Attendance.PupilRegister> registers, SnapshotKey key, DateOnly dataTo, TermSnapshot? previous)
    {
        var pupils = state.OnRoll(dataTo);
        var progress = pupils.Select(p => state.Progress.GetValueOrDefault(p.Id)).OfType<PupilProgress>().ToList();
        return new SnapshotInputs
        {
            Key = key,
            AsOf = dataTo,
            Calendar = calendar,
            Pupils = pupils,
            Registers = [.. pupils.Select(p => registers[p.Id])],
            Targets = [.. progress.SelectMany(p => p.Targets)],
            Results = [.. progress.SelectMany(p => p.Results)],
            Behaviour = [.. progress.SelectMany(p => p.Behaviour)],
            Homework = [.. progress.SelectMany(p => p.Homework)],
            Scales = state.Profile?.Scales ?? GradeScaleSet.Standard,
            Previous = previous,
            DefaultTargets = Progress.DefaultTargets.TransitionMatrices.Dfe2024,
            NeedsAttention = (state.Profile?.Settings ?? SchoolSettings.Default).NeedsAttention,
        };
    }

    private static async Task QueueAsync(JobContext context, IReadOnlyList<ReportRequest> requests, CancellationToken cancellationToken)
    {
        await context.Queue.CreateIfMissingAsync(JobResources.ReportRequestsQueue, cancellationToken);
        foreach (var request in requests)
        {
            await context.Queue.SendAsync(JobResources.ReportRequestsQueue, QueueMessages.Write(request), cancellationToken);
        }
    }
}
