using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Cli.Demo;

/// <summary>The jobs of a demo or bench run, phase by phase over every school, and their timings.</summary>
/// <remarks>
/// A phase runs up to <see cref="DemoOptions.Concurrency"/> schools at once and ends when every school has done it;
/// its figures (wall clock, processor time, allocation, GC) are the whole process's over that span. Results are kept
/// in school order whatever order the schools finished in.
/// </remarks>
internal sealed class DemoPhases(IServiceProvider jobs, DemoOptions options, CancellationToken cancellationToken)
{
    private readonly IngestJob _ingest = jobs.GetRequiredService<IngestJob>();
    private readonly AttendanceCheckJob _check = jobs.GetRequiredService<AttendanceCheckJob>();
    private readonly SnapshotJob _snapshot = jobs.GetRequiredService<SnapshotJob>();
    private readonly BatchJob _batches = jobs.GetRequiredService<BatchJob>();
    private readonly DispatchJob _dispatcher = jobs.GetRequiredService<DispatchJob>();
    private readonly IJobProgress _progress = jobs.GetRequiredService<IJobProgress>();
    private readonly PhaseMeter _meter = new();
    private readonly List<DateOnly> _exportDays = [];
    private readonly List<IngestResult> _ingests = [];
    private readonly List<AttendanceCheckResult> _checks = [];
    private readonly List<SnapshotJobResult> _snapshots = [];
    private readonly List<BatchActionResult> _released = [];
    private DrainResult? _dispatch;
    private DateOnly _checkedOn = options.AsOf;

    /// <summary>Generates every school's exports, <see cref="DemoOptions.Concurrency"/> schools at a time.</summary>
    public IReadOnlyList<SchoolPlan> Generate(Func<int, SchoolPlan> plan)
    {
        var plans = new SchoolPlan[options.Schools];
        var start = _meter.Start();
        Parallel.For(0, options.Schools, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, k => plans[k] = plan(k));
        _meter.Stop("generate", "pupils", start, plans.Sum(p => p.PupilsGenerated));
        return plans;
    }

    /// <summary>Ingests each school's export, checks attendance on its last school day (when asked), takes the snapshots due, then sends (when rendering).</summary>
    public async Task RoundAsync(IReadOnlyList<SchoolExport> exports)
    {
        _exportDays.AddRange(exports.Select(e => e.Day));
        if (options.ParseOnly)
        {
            // Only the count is kept: holding every school's parsed export until the phase ends would set the run's
            // peak memory with data no job ever holds at once.
            await PhaseAsync("parse only", "marks", exports, e => Task.FromResult(ExportFile.Read(e.Zip, "export.zip", known: null).Export?.Attendance?.MarkCount ?? 0), marks => marks);
        }

        _ingests.AddRange(await PhaseAsync("ingest", "marks", exports, e => _ingest.RunAsync(e.SchoolId, "export", new MemoryStream(e.Zip), cancellationToken), r => r.Summary?.MarksChanged ?? 0));
        if (exports.Where(e => e.Check).ToList() is { Count: > 0 } checks)
        {
            _checkedOn = LastSchoolDay(checks[^1].Calendar, checks[^1].Day);
            _checks.AddRange(await PhaseAsync("attendance check", "pupils", checks, e => _check.RunAsync(e.SchoolId, LastSchoolDay(e.Calendar, e.Day), cancellationToken), r => r.Pupils.Count));
        }

        _snapshots.AddRange(await PhaseAsync("snapshot", "snapshots", exports, e => _snapshot.RunDueAsync(e.SchoolId, e.Day, cancellationToken), r => r.Taken.Count));
        if (options.Render)
        {
            await SendAsync(exports);
        }
    }

    public DemoOutcome Outcome() =>
        new(_meter.Phases, _exportDays, _ingests, _checks, _snapshots, _dispatch, _checkedOn, Process.GetCurrentProcess().PeakWorkingSet64)
        {
            Released = _released,
        };

    /// <summary>Releases every school's prepared batches at once, then sends the whole queue in one drain.</summary>
    /// <remarks>A school reviews each batch first; the demo releases at once (and says so), stale batches excepted.</remarks>
    private async Task SendAsync(IReadOnlyList<SchoolExport> exports)
    {
        foreach (var schoolId in exports.Select(e => e.SchoolId))
        {
            foreach (var batch in await _batches.ListAsync(schoolId, cancellationToken))
            {
                // A batch held as it was prepared for its weeks-old figures is what a school starting mid-term would
                // get; the demo sends it as staff would, saying so (DemoReport prints each release).
                if ((batch.State == Core.Sending.BatchState.Prepared || (batch.State == Core.Sending.BatchState.Held && Core.Sending.BatchRules.LateReason(batch.Batch.Kind, batch.Batch.DataTo, batch.Batch.PreparedOn) is not null)) && !batch.Stale)
                {
                    _released.Add(await _batches.ReleaseAsync(schoolId, batch.Batch.Id, includeStale: false, cancellationToken));
                }
            }
        }

        var start = _meter.Start();
        var drained = await _dispatcher.DrainAsync(null, TimeSpan.FromMinutes(5), cancellationToken);
        _meter.Stop("render and send", "e-mails", start, drained.Sent);
        _dispatch = _dispatch is { } before ? new DrainResult(before.Completed + drained.Completed, before.Retried + drained.Retried, before.Poisoned + drained.Poisoned) { LastError = drained.LastError ?? before.LastError } : drained;
    }

    /// <summary>Runs <paramref name="work"/> for every export, <see cref="DemoOptions.Concurrency"/> at a time, timed as one phase.</summary>
    private async Task<IReadOnlyList<T>> PhaseAsync<T>(string phase, string unit, IReadOnlyList<SchoolExport> exports, Func<SchoolExport, Task<T>> work, Func<T, long> items)
    {
        var results = new T[exports.Count];
        var done = 0;
        var start = _meter.Start();
        await Parallel.ForEachAsync(Enumerable.Range(0, exports.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (i, _) =>
        {
            results[i] = await work(exports[i]);
            if (exports.Count > 1)
            {
                _progress.Report(phase, Interlocked.Increment(ref done), exports.Count);
            }
        });
        _meter.Stop(phase, unit, start, results.Sum(items));
        return results;
    }

    /// <summary>The check runs for the export day, or for the last school day before it (a weekend or holiday).</summary>
    private static DateOnly LastSchoolDay(SchoolCalendar calendar, DateOnly day)
    {
        var upTo = calendar.DaysUpTo(day);
        return upTo == 0 ? day : calendar.DayAt(upTo - 1);
    }
}
