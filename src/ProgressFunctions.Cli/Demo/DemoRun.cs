using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProgressFunctions.Cli.Imports;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Synthetic;

namespace ProgressFunctions.Cli.Demo;

/// <summary>What to run: a synthetic school (or a trust of several) through ingest, check, snapshot and dispatch.</summary>
/// <remarks>
/// With <see cref="ExportFolder"/> set the (single) school's export is written there as files, as a person would receive it.
/// <see cref="ParseOnly"/> also reads each export without storing it, timed as its own phase, so that the ingest rate
/// can be put against the parse rate of the very same exports in one run.
/// </remarks>
internal sealed record DemoOptions(int Pupils, SchoolPhase Phase, int Seed, DateOnly AsOf, int Schools = 1, bool Render = true, string? ExportFolder = null)
{
    public bool ParseOnly { get; init; }
}

/// <remarks>
/// <see cref="ExportDays"/> holds the day each ingested export was made, in the order of <see cref="Ingests"/>.
/// <see cref="Released"/> says which batches of messages to families the demo released at once, without the review
/// period a school would have.
/// </remarks>
internal sealed record DemoOutcome(
    IReadOnlyList<PhaseFigures> Phases,
    IReadOnlyList<DateOnly> ExportDays,
    IReadOnlyList<IngestResult> Ingests,
    IReadOnlyList<AttendanceCheckResult> Checks,
    IReadOnlyList<SnapshotJobResult> Snapshots,
    DrainResult? Dispatch,
    DateOnly CheckedOn,
    long PeakWorkingSetBytes)
{
    public IReadOnlyList<BatchActionResult> Released { get; init; } = [];

    /// <summary>The first snapshot not yet ready on the as-of date, so the demo can say when fresher reports come.</summary>
    public DueSnapshot? NextSnapshot { get; init; }
}

/// <summary>Runs the whole mission over the ports and times each phase; the demo and the bench both use it.</summary>
/// <remarks>
/// A school's reports are those of the latest snapshot due by the as-of date. In the summer holiday and the first weeks
/// of September none of the new year's snapshots is due yet, so the school first sends the export it made at the end
/// of the year before (31 July): its snapshots are taken and the latest one's reports sent, as they were in July. Then
/// the as-of year's export is ingested and checked, if the year has begun. A report is rendered before the next
/// export replaces the stored calendar, as it would have been in July.
/// </remarks>
internal static class DemoRun
{
    public static async Task<DemoOutcome> RunAsync(IServiceProvider jobs, DemoOptions options, CancellationToken cancellationToken)
    {
        var run = new Run(jobs, options, cancellationToken);
        var progress = jobs.GetRequiredService<IJobProgress>();
        DueSnapshot? next = null;
        for (var k = 0; k < options.Schools; k++)
        {
            var pupils = (options.Pupils / options.Schools) + (k == options.Schools - 1 ? options.Pupils % options.Schools : 0);
            var schoolId = (100001 + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var seed = options.Seed + k;
            var school = run.Timed("generate", "pupils", () => Generate(options, schoolId, pupils, seed, options.AsOf), s => s.Pupils.Count);
            var started = school.Calendar.DaysUpTo(options.AsOf) > 0;
            next = SnapshotSchedule.For(school.Calendar).FirstOrDefault(d => !d.IsReadyOn(options.AsOf));
            if (SnapshotSchedule.LatestReadyOn(school.Calendar, options.AsOf) is null)
            {
                var yearEnd = school.Options.Year.Previous.End;
                var previous = run.Timed("generate", "pupils", () => Generate(options, schoolId, pupils, seed, yearEnd), s => s.Pupils.Count);
                await run.SchoolAsync(schoolId, previous, check: !started, send: options.Render);
            }

            if (started)
            {
                // A trust's reports go out in one drain after its last school, as the bench measures.
                await run.SchoolAsync(schoolId, school, check: true, send: options.Render && k == options.Schools - 1);
            }

            progress.Report("schools", k + 1, options.Schools);
        }

        return run.Outcome() with { NextSnapshot = next };
    }

    /// <summary>The school as its MIS would export it on <paramref name="exportDay"/>.</summary>
    private static SyntheticSchool Generate(DemoOptions options, string schoolId, int pupils, int seed, DateOnly exportDay) =>
        SchoolGenerator.Generate(new GeneratorOptions(options.Phase, pupils, seed, exportDay) { Urn = schoolId });

    /// <summary>The jobs run so far and their timings.</summary>
    private sealed class Run(IServiceProvider jobs, DemoOptions options, CancellationToken cancellationToken)
    {
        private readonly IngestJob _ingest = jobs.GetRequiredService<IngestJob>();
        private readonly AttendanceCheckJob _check = jobs.GetRequiredService<AttendanceCheckJob>();
        private readonly SnapshotJob _snapshot = jobs.GetRequiredService<SnapshotJob>();
        private readonly BatchJob _batches = jobs.GetRequiredService<BatchJob>();
        private readonly DispatchJob _dispatcher = jobs.GetRequiredService<DispatchJob>();
        private readonly PhaseMeter _meter = new();
        private readonly List<DateOnly> _exportDays = [];
        private readonly List<IngestResult> _ingests = [];
        private readonly List<AttendanceCheckResult> _checks = [];
        private readonly List<SnapshotJobResult> _snapshots = [];
        private readonly List<BatchActionResult> _released = [];
        private DrainResult? _dispatch;
        private DateOnly _checkedOn = options.AsOf;

        /// <summary>Ingest one export, check attendance on its last school day (when asked), take the snapshots due, and send (when asked).</summary>
        /// <remarks>With an export folder, the export is written there as files first (the last one ingested stays).</remarks>
        public async Task SchoolAsync(string schoolId, SyntheticSchool school, bool check, bool send)
        {
            var exportDay = school.Options.AsOf;
            var zip = Timed("generate", "pupils", () => Export(school), _ => 0);
            _exportDays.Add(exportDay);
            if (options.ParseOnly)
            {
                Timed("parse only", "marks", () => ExportFile.Read(zip, "export.zip", known: null), r => r.Export?.Attendance?.MarkCount ?? 0);
            }

            _ingests.Add(await TimedAsync("ingest", "marks", () => _ingest.RunAsync(schoolId, "export.zip", new MemoryStream(zip), cancellationToken), r => r.Summary?.MarksChanged ?? 0));
            if (check)
            {
                _checkedOn = LastSchoolDay(school.Calendar, exportDay);
                _checks.Add(await TimedAsync("attendance check", "pupils", () => _check.RunAsync(schoolId, _checkedOn, cancellationToken), r => r.Pupils.Count));
            }

            _snapshots.Add(await TimedAsync("snapshot", "snapshots", () => _snapshot.RunDueAsync(schoolId, exportDay, cancellationToken), r => r.Taken.Count));
            if (send)
            {
                // A school reviews each batch first; the demo releases at once (and says so), stale batches excepted.
                foreach (var batch in await _batches.ListAsync(schoolId, cancellationToken))
                {
                    if (batch.State == Core.Sending.BatchState.Prepared && !batch.Stale)
                    {
                        _released.Add(await _batches.ReleaseAsync(schoolId, batch.Batch.Id, includeStale: false, cancellationToken));
                    }
                }
            }

            if (send)
            {
                var drained = await TimedAsync("render and send", "e-mails", () => _dispatcher.DrainAsync(null, TimeSpan.FromMinutes(5), cancellationToken), r => r.Sent);
                _dispatch = _dispatch is { } before ? new DrainResult(before.Completed + drained.Completed, before.Retried + drained.Retried, before.Poisoned + drained.Poisoned) : drained;
            }
        }

        public DemoOutcome Outcome() =>
            new(_meter.Phases, _exportDays, _ingests, _checks, _snapshots, _dispatch, _checkedOn, Process.GetCurrentProcess().PeakWorkingSet64)
            {
                Released = _released,
            };

        public T Timed<T>(string phase, string unit, Func<T> work, Func<T, long> items)
        {
            var start = _meter.Start();
            var result = work();
            _meter.Stop(phase, unit, start, items(result));
            return result;
        }

        private async Task<T> TimedAsync<T>(string phase, string unit, Func<Task<T>> work, Func<T, long> items)
        {
            var start = _meter.Start();
            var result = await work();
            _meter.Stop(phase, unit, start, items(result));
            return result;
        }

        private byte[] Export(SyntheticSchool school)
        {
            if (options.ExportFolder is not { } folder)
            {
                return BundleZip.Capture(create => CsvBundleWriter.Write(school, create));
            }

            Directory.CreateDirectory(folder);
            CsvBundleWriter.Write(school, name => File.Create(Path.Combine(folder, name)));
            return ExportFolder.Zip(folder);
        }

        /// <summary>The check runs for the export day, or for the last school day before it (a weekend or holiday).</summary>
        private static DateOnly LastSchoolDay(SchoolCalendar calendar, DateOnly day)
        {
            var upTo = calendar.DaysUpTo(day);
            return upTo == 0 ? day : calendar.DayAt(upTo - 1);
        }
    }
}
