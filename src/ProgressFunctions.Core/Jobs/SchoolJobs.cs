using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Core.Jobs;

/// <summary>What one school job did, in a line naming no pupil, and whether someone must put something right (it could not run, or left a message unsent).</summary>
public sealed record SchoolJobOutcome(string Message, bool NeedsSomeone)
{
    public static SchoolJobOutcome Of(AttendanceCheckResult check) => new(check.Message, check.NeedsSomeone);
}

/// <summary>The school-day fan-out: which schools are due, one message per school and job, and running one such message.</summary>
/// <remarks>
/// The timer fires every few minutes through the school day; <see cref="PlanAsync(DateTimeOffset, CancellationToken)"/>
/// queues a school's jobs once its registers have closed (<see cref="SchoolSettings.RegistersClose"/>, default 09:30
/// in England) and until its first check of the day has run. An export that arrives after that first check re-runs
/// the check (<see cref="AfterIngestAsync"/>), which looks only for what today's new marks add.
/// </remarks>
public sealed class SchoolJobs(IDocumentStore documents, AttendanceCheckJob check, SnapshotJob snapshotJob, BatchJob batches)
{
    public async Task<IReadOnlyList<string>> SchoolIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var entry in documents.ListAsync<SchoolEntry>(DocumentTypes.RegistryPartition, DocumentTypes.School, cancellationToken))
        {
            ids.Add(entry.Body.SchoolId);
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>Both jobs for every school the store knows, for a whole day (registers taken as closed); a trust of 100 schools gives 200 messages.</summary>
    public async Task<IReadOnlyList<SchoolJobMessage>> PlanAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        [.. (await SchoolIdsAsync(cancellationToken)).SelectMany(id => Both(id, asOf))];

    /// <summary>Both jobs for each school whose check is due at <paramref name="now"/> (<see cref="SchoolClock.IsCheckDue"/>).</summary>
    public async Task<IReadOnlyList<SchoolJobMessage>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messages = new List<SchoolJobMessage>();
        foreach (var id in await SchoolIdsAsync(cancellationToken))
        {
            var (due, today) = await DueAsync(id, now, cancellationToken);
            if (due && !today.CheckedToday)
            {
                messages.AddRange(Both(id, today.Date));
            }
        }

        return messages;
    }

    /// <summary>After an export was stored: re-runs the day's check when it has already run, so today's new marks are seen.</summary>
    /// <returns>What the check did, or null when no re-check is due (registers still open, not a school day, or the first check is still to come).</returns>
    public async Task<SchoolJobOutcome?> AfterIngestAsync(string schoolId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (due, today) = await DueAsync(schoolId, now, cancellationToken);
        return due && today.CheckedToday
            ? SchoolJobOutcome.Of(await check.RunAsync(schoolId, today.Date, cancellationToken))
            : null;
    }

    /// <summary>Runs one school's job; both are idempotent, so a redelivered or caught-up message is harmless.</summary>
    /// <remarks>The snapshot job also releases the batches whose review period is over (<see cref="BatchJob.ReleaseDueAsync"/>).</remarks>
    public async Task<SchoolJobOutcome> RunAsync(SchoolJobMessage message, CancellationToken cancellationToken)
    {
        if (message.Job == SchoolJobKind.CheckAttendance)
        {
            return SchoolJobOutcome.Of(await check.RunAsync(message.SchoolId, message.AsOf, cancellationToken));
        }

        var taken = await snapshotJob.RunDueAsync(message.SchoolId, message.AsOf, cancellationToken);
        var released = await batches.ReleaseDueAsync(message.SchoolId, message.AsOf, cancellationToken);
        // A batch held as it was prepared (its figures weeks old) waits for staff as one held for far fewer families does.
        var heldOnArrival = taken.Batch is { State: Sending.BatchState.Held };
        return new(released.Count == 0 ? taken.Message : $"{taken.Message}; {string.Join("; ", released.Select(r => r.Message))}",
            NeedsSomeone: heldOnArrival || released.Any(r => r.Outcome == BatchActionOutcome.HeldFewer));
    }

    private static SchoolJobMessage[] Both(string schoolId, DateOnly asOf) =>
        [new(schoolId, SchoolJobKind.CheckAttendance, asOf), new(schoolId, SchoolJobKind.TakeSnapshots, asOf)];

    /// <summary>Whether registers have closed on a school day at <paramref name="now"/> (ignoring earlier runs), and whether the day's first check ran.</summary>
    private async Task<(bool RegistersClosed, (DateOnly Date, bool CheckedToday) Today)> DueAsync(string schoolId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var date = SchoolClock.DateAt(now);
        var stored = await documents.ReadAsync<StoredProfile>(schoolId, DocumentTypes.Profile, DocumentTypes.Profile, cancellationToken);
        var profile = stored is null ? null : SchoolState.ParseProfile(stored.Body.SchoolJson);
        var close = (profile?.Settings ?? SchoolSettings.Default).RegistersClose;
        var checkedToday = await documents.ReadAsync<CheckRun>(schoolId, DocumentTypes.CheckRun, CheckRun.IdFor(date, 1), cancellationToken) is not null;
        return (SchoolClock.IsCheckDue(profile?.Calendar, close, now, checkedToday: false), (date, checkedToday));
    }
}
