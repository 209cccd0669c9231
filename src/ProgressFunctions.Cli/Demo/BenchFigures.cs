using System.Diagnostics;
using System.Globalization;

namespace ProgressFunctions.Cli.Demo;

/// <summary>One phase as <c>progress bench --json</c> prints it.</summary>
internal sealed record BenchPhase(double Seconds, double CpuSeconds, string Unit, long Items, double ItemsPerSecond, double AllocatedMiB, double GcPauseSeconds, int GcCollections);

/// <summary>The figures of one bench run, and the ratios the targets are stated in, all from this one run.</summary>
/// <remarks>
/// <see cref="IngestToParseRate"/> is the ingest rate (marks stored per second, reading included) over the parse rate
/// of the same exports (marks read per second by the "parse only" phase, which stores nothing). <see cref="TrustSeconds"/>
/// is ingest + attendance check + snapshot, the trust target's sum; <see cref="TotalSeconds"/> adds generating the
/// exports, parsing them alone and sending. Each phase ends for every school before the next begins; within one,
/// <see cref="Concurrency"/> schools run at once, so a phase's seconds are wall clock and its processor seconds may exceed them.
/// </remarks>
internal sealed record BenchFigures(
    int Pupils,
    int Schools,
    bool Render,
    DateOnly AsOf,
    IReadOnlyDictionary<string, BenchPhase> Phases,
    double TrustSeconds,
    double TotalSeconds,
    double? IngestToParseRate,
    long PeakWorkingSetMiB,
    double ProcessAllocatedMiB,
    double ProcessGcPauseSeconds,
    int ProcessorCount,
    int Concurrency,
    int ReportsSent)
{
    private static readonly string[] s_trustPhases = ["ingest", "attendance check", "snapshot"];

    public static BenchFigures Of(DemoOptions options, DemoOutcome outcome)
    {
        var phases = outcome.Phases.ToDictionary(p => p.Phase, p => new BenchPhase(
            Round(p.Elapsed.TotalSeconds), Round(p.CpuTime.TotalSeconds), p.Unit, p.Items, Math.Round(p.ItemsPerSecond), Round(p.AllocatedBytes / (1024.0 * 1024)),
            Round(p.GcPause.TotalSeconds), p.Collections));
        var byName = outcome.Phases.ToDictionary(p => p.Phase);
        double? ratio = byName.TryGetValue("ingest", out var ingest) && byName.TryGetValue("parse only", out var parse) && parse.ItemsPerSecond > 0
            ? Math.Round(ingest.ItemsPerSecond / parse.ItemsPerSecond, 3)
            : null;
        using var process = Process.GetCurrentProcess();
        return new BenchFigures(options.Pupils, options.Schools, options.Render, options.AsOf, phases,
            Round(outcome.Phases.Where(p => s_trustPhases.Contains(p.Phase)).Sum(p => p.Elapsed.TotalSeconds)),
            Round(outcome.Phases.Sum(p => p.Elapsed.TotalSeconds)),
            ratio,
            outcome.PeakWorkingSetBytes / (1024 * 1024),
            Round(GC.GetTotalAllocatedBytes(precise: true) / (1024.0 * 1024)),
            Round(GC.GetTotalPauseDuration().TotalSeconds),
            Environment.ProcessorCount,
            options.Concurrency,
            outcome.Dispatch?.Completed ?? 0);
    }

    public string ToText()
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{Pupils} pupils in {Schools} school(s), as of {AsOf:yyyy-MM-dd}, rendering {(Render ? "on" : "off")}, {ProcessorCount} processors, {Concurrency} school(s) at a time"),
            string.Create(CultureInfo.InvariantCulture, $"  {"phase",-18} {"seconds",8} {"cpu s",8} {"items",12} {"per second",12} {"alloc MiB",10} {"GC pause s",10}"),
        };
        lines.AddRange(Phases.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"  {p.Key,-18} {p.Value.Seconds,8:F2} {p.Value.CpuSeconds,8:F2} {p.Value.Items,12:N0} {p.Value.ItemsPerSecond,12:N0} {p.Value.AllocatedMiB,10:N0} {p.Value.GcPauseSeconds,10:F2}  {p.Value.Unit}")));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  ingest + check + snapshot {TrustSeconds:F2} s; all phases {TotalSeconds:F2} s"));
        if (IngestToParseRate is { } ratio)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  ingest rate / parse rate of the same exports: {ratio:F3}"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  peak memory {PeakWorkingSetMiB} MiB, {ProcessAllocatedMiB:N0} MiB allocated, {ProcessGcPauseSeconds:F2} s GC pause, {ReportsSent} report requests sent"));
        return string.Join(Environment.NewLine, lines);
    }

    private static double Round(double value) => Math.Round(value, 3);
}
