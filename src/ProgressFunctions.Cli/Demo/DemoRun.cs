using ProgressFunctions.Cli.Imports;
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
/// can be put against the parse rate of the very same exports in one run. <see cref="Concurrency"/> is how many
/// schools one phase works on at once, as a trust's Function App runs one message per school side by side.
/// </remarks>
internal sealed record DemoOptions(int Pupils, SchoolPhase Phase, int Seed, DateOnly AsOf, int Schools = 1, bool Render = true, string? ExportFolder = null)
{
    public bool ParseOnly { get; init; }

    public int Concurrency { get; init; } = 1;
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
/// export replaces the stored calendar, as it would have been in July. Every phase finishes for every school before
/// the next begins, so each phase's figures are its own; within a phase the schools run side by side.
/// </remarks>
internal static class DemoRun
{
    public static async Task<DemoOutcome> RunAsync(IServiceProvider jobs, DemoOptions options, CancellationToken cancellationToken)
    {
        var run = new DemoPhases(jobs, options, cancellationToken);
        var schools = run.Generate(k => Plan(options, k));
        foreach (var round in new[] { ExportRound.YearBefore, ExportRound.AsOfYear })
        {
            if (schools.Select(s => s.Exports[(int)round]).OfType<SchoolExport>().ToList() is { Count: > 0 } exports)
            {
                await run.RoundAsync(exports);
            }
        }

        return run.Outcome() with { NextSnapshot = schools[^1].Next };
    }

    /// <summary>The exports school <paramref name="k"/> of the run sends, in order, and its next snapshot after the as-of date.</summary>
    private static SchoolPlan Plan(DemoOptions options, int k)
    {
        var pupils = (options.Pupils / options.Schools) + (k == options.Schools - 1 ? options.Pupils % options.Schools : 0);
        var schoolId = (100001 + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var seed = options.Seed + k;
        var school = Generate(options, schoolId, pupils, seed, options.AsOf);
        var started = school.Calendar.DaysUpTo(options.AsOf) > 0;
        var next = SnapshotSchedule.For(school.Calendar).FirstOrDefault(d => !d.IsReadyOn(options.AsOf));
        var exports = new SchoolExport?[2];
        var generated = pupils;
        if (SnapshotSchedule.LatestReadyOn(school.Calendar, options.AsOf) is null)
        {
            var previous = Generate(options, schoolId, pupils, seed, school.Options.Year.Previous.End);
            exports[(int)ExportRound.YearBefore] = Export(options, schoolId, previous, check: !started);
            generated += pupils;
        }

        if (started)
        {
            exports[(int)ExportRound.AsOfYear] = Export(options, schoolId, school, check: true);
        }

        return new SchoolPlan(exports, next, generated);
    }

    /// <summary>The school as its MIS would export it on <paramref name="exportDay"/>.</summary>
    private static SyntheticSchool Generate(DemoOptions options, string schoolId, int pupils, int seed, DateOnly exportDay) =>
        SchoolGenerator.Generate(new GeneratorOptions(options.Phase, pupils, seed, exportDay) { Urn = schoolId });

    private static SchoolExport Export(DemoOptions options, string schoolId, SyntheticSchool school, bool check)
    {
        if (options.ExportFolder is not { } folder)
        {
            return new(schoolId, BundleZip.Capture(create => CsvBundleWriter.Write(school, create)), school.Calendar, school.Options.AsOf, check);
        }

        // The (single) school's export as files; the last one written stays.
        Directory.CreateDirectory(folder);
        CsvBundleWriter.Write(school, name => File.Create(Path.Combine(folder, name)));
        return new(schoolId, ExportFolder.Zip(folder), school.Calendar, school.Options.AsOf, check);
    }
}

/// <summary>The export made at the end of the year before the as-of date, or the as-of year's own.</summary>
internal enum ExportRound
{
    YearBefore,
    AsOfYear,
}

/// <summary>One export of one school: its bytes, the calendar it carries, the day it was made, and whether the check runs on it.</summary>
internal sealed record SchoolExport(string SchoolId, byte[] Zip, SchoolCalendar Calendar, DateOnly Day, bool Check);

/// <summary>A school's exports by <see cref="ExportRound"/> (null where it makes none) and how many pupils were generated for them.</summary>
internal sealed record SchoolPlan(SchoolExport?[] Exports, DueSnapshot? Next, int PupilsGenerated);
