using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

// Taking one snapshot named by hand, and telling when a later snapshot's reports were decided first: its reports
// would then reach staff and parents after newer ones.
public sealed partial class SnapshotJob
{
    /// <summary>Takes one named snapshot of the as-of date's academic year, if its data is complete by then.</summary>
    /// <param name="schoolId">The school.</param>
    /// <param name="term">The term of the as-of date's academic year.</param>
    /// <param name="point">Its start or end.</param>
    /// <param name="asOf">The day it runs as; the snapshot must be complete by then.</param>
    /// <param name="includeStale">Decide its reports even when a later snapshot's were decided already (staff then get last term's reports now).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<SnapshotJobResult> TakeAsync(string schoolId, TermName term, SnapshotPoint point, DateOnly asOf, bool includeStale, CancellationToken cancellationToken) =>
        Logged(schoolId, await TakeNamedAsync(schoolId, term, point, asOf, includeStale, cancellationToken));

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
}
