using System.Diagnostics;
using ProgressFunctions.Cli.Imports;
using ProgressFunctions.Core.Imports.Bundle;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Core.Synthetic;

namespace ProgressFunctions.Cli.Demo;

/// <summary>What to run: a synthetic school (or a trust of several) through ingest, check, snapshot and dispatch.</summary>
/// <remarks>With <see cref="ExportFolder"/> set the (single) school's export is written there as files, as a person would receive it.</remarks>
internal sealed record DemoOptions(int Pupils, SchoolPhase Phase, int Seed, DateOnly AsOf, int Schools = 1, bool Render = true, string? ExportFolder = null);

internal sealed record PhaseTiming(string Phase, TimeSpan Elapsed);

internal sealed record DemoOutcome(
    IReadOnlyList<PhaseTiming> Phases,
    IReadOnlyList<IngestResult> Ingests,
    IReadOnlyList<AttendanceCheckResult> Checks,
    IReadOnlyList<SnapshotJobResult> Snapshots,
    DrainResult? Dispatch,
    DateOnly CheckedOn,
    long PeakWorkingSetBytes);

/// <summary>Runs the whole mission over the ports and times each phase; the demo and the bench both use it.</summary>
internal static class DemoRun
{
    public static async Task<DemoOutcome> RunAsync(JobContext context, DemoOptions options, CancellationToken cancellationToken)
    {
        var timings = new Dictionary<string, TimeSpan>();
        var (ingests, checks, snapshots) = (new List<IngestResult>(), new List<AttendanceCheckResult>(), new List<SnapshotJobResult>());
        var checkedOn = options.AsOf;
        for (var k = 0; k < options.Schools; k++)
        {
            var pupils = (options.Pupils / options.Schools) + (k == options.Schools - 1 ? options.Pupils % options.Schools : 0);
            var schoolId = (100001 + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var export = Timed(timings, "generate", () => Generate(options, schoolId, pupils, options.Seed + k));
            ingests.Add(await TimedAsync(timings, "ingest", () => IngestJob.RunAsync(context, schoolId, "export.zip", new MemoryStream(export.Zip), cancellationToken)));
            checkedOn = LastSchoolDay(export.Calendar, options.AsOf);
            checks.Add(await TimedAsync(timings, "attendance check", () => AttendanceCheckJob.RunAsync(context, schoolId, checkedOn, cancellationToken)));
            snapshots.Add(await TimedAsync(timings, "snapshot", () => SnapshotJob.RunDueAsync(context, schoolId, options.AsOf, cancellationToken)));
            context.Progress.Report("schools", k + 1, options.Schools);
        }

        DrainResult? dispatch = null;
        if (options.Render)
        {
            dispatch = await TimedAsync(timings, "render and send", () => DispatchJob.DrainAsync(context, null, TimeSpan.FromMinutes(5), cancellationToken));
        }

        var phases = timings.Select(t => new PhaseTiming(t.Key, t.Value)).ToList();
        return new DemoOutcome(phases, ingests, checks, snapshots, dispatch, checkedOn, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    private static (byte[] Zip, SchoolCalendar Calendar) Generate(DemoOptions options, string schoolId, int pupils, int seed)
    {
        var school = SchoolGenerator.Generate(new GeneratorOptions(options.Phase, pupils, seed, AcademicYear.Containing(options.AsOf), options.AsOf) { Urn = schoolId });
        if (options.ExportFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            CsvBundleWriter.Write(school, name => File.Create(Path.Combine(folder, name)));
            return (ExportFolder.Zip(folder), school.Calendar);
        }

        return (BundleZip.Capture(create => CsvBundleWriter.Write(school, create)), school.Calendar);
    }

    /// <summary>The check runs for the as-of date, or for the last school day before it (a weekend or holiday as-of).</summary>
    private static DateOnly LastSchoolDay(SchoolCalendar calendar, DateOnly asOf)
    {
        var upTo = calendar.DaysUpTo(asOf);
        return upTo == 0 ? asOf : calendar.DayAt(upTo - 1);
    }

    private static T Timed<T>(Dictionary<string, TimeSpan> timings, string phase, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        timings[phase] = timings.GetValueOrDefault(phase) + clock.Elapsed;
        return result;
    }

    private static async Task<T> TimedAsync<T>(Dictionary<string, TimeSpan> timings, string phase, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var result = await work();
        timings[phase] = timings.GetValueOrDefault(phase) + clock.Elapsed;
        return result;
    }
}
