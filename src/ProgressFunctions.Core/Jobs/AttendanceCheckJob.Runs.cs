using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Jobs.Stored;

namespace ProgressFunctions.Core.Jobs;

/// <summary>The alerts one run of the check raised on one school day, kept for the digests and for the school's records.</summary>
/// <remarks>
/// <see cref="Run"/> is 1 for the day's first run and counts up for each re-run after today's marks arrived; a re-run
/// keeps only the alerts no earlier run of the day raised at the same or a higher level, so nobody is told twice.
/// <see cref="RegisterDate"/> is the latest complete register the run stood on (the day before <see cref="Date"/>
/// when today had no marks yet); null in records written before it was kept, meaning <see cref="Date"/>.
/// </remarks>
public sealed record AlertDay(DateOnly Date, IReadOnlyList<Alert> Alerts)
{
    public int Run { get; init; } = 1;

    public DateOnly? RegisterDate { get; init; }

    /// <summary>Whether the register had any mark for <see cref="Date"/> itself when the run was made.</summary>
    public bool MarksToday { get; init; } = true;
}

/// <summary>A completed run of the daily check; its existence is what makes the check run once per school, day and register.</summary>
/// <remarks>
/// <see cref="SessionsMarkedToday"/> is how many of today's sessions the register held when the run was made (0 in
/// records written before it was kept). The check runs again on the same day only when that number has grown: an
/// export carrying today's marks has arrived since.
/// </remarks>
public sealed record CheckRun(DateOnly Date, int Pupils, int Alerts, int Digests)
{
    public int Run { get; init; } = 1;

    public int SessionsMarkedToday { get; init; }

    /// <summary>The document id of run <paramref name="run"/> on <paramref name="date"/>: the ISO date, then ".2", ".3"... for re-runs.</summary>
    public static string IdFor(DateOnly date, int run) =>
        date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + (run == 1 ? "" : "." + run.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The run to make now, given the day's completed runs and the sessions marked today now; null when nothing is new.</summary>
    public static int? Next(IReadOnlyList<CheckRun> runs, int sessionsMarkedToday) =>
        runs.Count == 0 ? 1
        : sessionsMarkedToday > runs.Max(r => r.SessionsMarkedToday) ? runs.Max(r => r.Run) + 1
        : null;
}

// The day's earlier runs: a re-run tells only what they did not.
public sealed partial class AttendanceCheckJob
{
    /// <summary>The day's completed runs, in order: run 1 under the date, then ".2", ".3"... until one is missing.</summary>
    private async Task<IReadOnlyList<CheckRun>> RunsAsync(string schoolId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var runs = new List<CheckRun>();
        while (await documents.ReadAsync<CheckRun>(schoolId, DocumentTypes.CheckRun, CheckRun.IdFor(asOf, runs.Count + 1), cancellationToken) is { } done)
        {
            runs.Add(done.Body with { Run = runs.Count + 1 });
        }

        return runs;
    }

    /// <summary>The alerts no completed run of the day raised at the same or a higher level: what a re-run tells anyone.</summary>
    private async Task<IReadOnlyList<Alert>> NewSinceEarlierRunsAsync(string schoolId, IReadOnlyList<CheckRun> runs, IReadOnlyList<Alert> raised, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return raised;
        }

        var told = new Dictionary<(string, AlertRule), int>();
        foreach (var earlier in runs)
        {
            var stored = await documents.ReadAsync<AlertDay>(schoolId, DocumentTypes.AlertDay, CheckRun.IdFor(earlier.Date, earlier.Run), cancellationToken);
            foreach (var alert in stored?.Body.Alerts ?? [])
            {
                told[(alert.PupilId, alert.Rule)] = Math.Max(alert.Level, told.GetValueOrDefault((alert.PupilId, alert.Rule), int.MinValue));
            }
        }

        return [.. raised.Where(a => !told.TryGetValue((a.PupilId, a.Rule), out var level) || a.Level > level)];
    }
}
