using System.CommandLine;
using System.Text.Json;
using ProgressFunctions.Cli.Demo;
using ProgressFunctions.Cli.Hosting;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Cli.Commands;

/// <summary>What <c>progress bench</c> runs: pupils split over schools, rendering or not, so many schools at a time.</summary>
internal sealed record BenchRun(int Pupils, int Schools, bool Render, int Concurrency);

/// <summary><c>progress bench</c>: the whole mission on a fresh embedded store, with phase timings, allocations, GC and peak memory.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var pupils = new Option<int>("--pupils") { Description = "Pupils in all", DefaultValueFactory = _ => 1500 };
        var schools = new Option<int>("--schools") { Description = "Split the pupils over this many schools (a trust)", DefaultValueFactory = _ => 1 };
        var noRender = new Option<bool>("--no-render") { Description = "Stop after the snapshots: no PDFs or e-mails" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON" };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Schools worked on at once in each phase, as a trust's Function App runs one message per school side by side (default: one per processor)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var asOf = CommonOptions.AsOf();
        var command = new Command("bench", "Time ingest, attendance check, snapshot and sending for a synthetic school or trust.\n\nExample: progress bench --pupils 50000 --schools 34 --no-render")
        {
            pupils, schools, noRender, json, concurrency, asOf,
        };
        command.SetAction((r, ct) => CommandRunner.RunAsync("bench", verbose: false, Console.Error, () => RunAsync(
            new BenchRun(r.GetValue(pupils), Math.Max(1, r.GetValue(schools)), !r.GetValue(noRender), Math.Max(1, r.GetValue(concurrency))), r.GetValue(json), r.GetValue(asOf) is { } d ? CommonOptions.ResolveAsOf(d, TimeProvider.System) : new DateOnly(2026, 3, 20), ct)));
        return command;
    }

    private static async Task<int> RunAsync(BenchRun bench, bool json, DateOnly asOf, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "progress-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = CliHost.Create(new StoreChoice("embedded", Path.Combine(folder, "data"), Path.Combine(folder, "outbox"), CreateStore: true), JobProgress.None, TimeProvider.System);
            var options = new DemoOptions(bench.Pupils, SchoolPhase.Secondary, 2026, asOf, bench.Schools, bench.Render) { ParseOnly = true, Concurrency = Math.Min(bench.Concurrency, bench.Schools) };
            var outcome = await DemoRun.RunAsync(host.Services, options, cancellationToken);
            var figures = BenchFigures.Of(options, outcome);
            Console.WriteLine(json ? JsonSerializer.Serialize(figures, CliJson.Options) : figures.ToText());
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is the OS's to clean if a handle lingers.
            }
        }
    }
}
