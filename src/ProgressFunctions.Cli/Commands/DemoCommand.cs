using System.CommandLine;
using System.Globalization;
using ProgressFunctions.Cli.Demo;
using ProgressFunctions.Cli.Hosting;
using ProgressFunctions.Core.Schools;
using Spectre.Console;

namespace ProgressFunctions.Cli.Commands;

/// <summary><c>progress demo</c>: a synthetic school through the whole mission on the embedded store (or the one named).</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var pupils = new Option<int>("--pupils") { Description = "Number of pupils", DefaultValueFactory = _ => 300 };
        var phase = CommonOptions.Choice("--phase", "The synthetic school's phase", ("primary", SchoolPhase.Primary), ("secondary", SchoolPhase.Secondary));
        phase.DefaultValueFactory = _ => SchoolPhase.Secondary;
        var seed = new Option<int>("--seed") { Description = "Seed for the synthetic school", DefaultValueFactory = _ => 2026 };
        var asOf = CommonOptions.AsOf();
        var output = new Option<string>("--out") { Description = "Folder for the export, reports, outbox and alerts (default ./out)", DefaultValueFactory = _ => "out" };
        var command = new Command("demo", "Generate a school, then ingest its export, check attendance, take the due snapshot and send the reports.\n\nExample: progress demo --pupils 1500 --phase secondary --as-of 2026-03-20")
        {
            pupils, phase, seed, asOf, output,
        };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => CommandRunner.RunAsync("demo", r.GetValue(host.Verbose), Console.Error, () => RunAsync(
            Terminal.Create(), host.Choice(r), r.GetValue(pupils), r.GetValue(phase), r.GetValue(seed),
            CommonOptions.ResolveAsOf(r.GetValue(asOf), TimeProvider.System), r.GetValue(output)!, ct)));
        return command;
    }

    internal static async Task<int> RunAsync(IAnsiConsole console, StoreChoice store, int pupils, SchoolPhase phase, int seed, DateOnly asOf, string outDirectory, CancellationToken cancellationToken)
    {
        if (pupils < 1)
        {
            console.WriteLine("progress demo: --pupils must be at least 1");
            return 2;
        }

        var outPath = Path.GetFullPath(outDirectory);
        var choice = Prepare(outPath, store);
        console.MarkupLine(CultureInfo.InvariantCulture, "[bold]ProgressFunctions demo[/]: {0} {1} pupils, seed {2}, as of [bold]{3:yyyy-MM-dd}[/] ({4}), store {5}",
            pupils, phase.ToString().ToLowerInvariant(), seed, asOf, AcademicYear.Containing(asOf), Markup.Escape(choice.Store ?? "embedded"));
        var (outcome, reports) = await TerminalProgress.RunAsync(console, async progress =>
        {
            using var host = CliHost.Create(choice, progress, TimeProvider.System);
            var result = await DemoRun.RunAsync(host.Services, new DemoOptions(pupils, phase, seed, asOf, ExportFolder: Path.Combine(outPath, "export")), cancellationToken);
            var files = await DemoFiles.WriteAsync(host.Blobs, host.Embedded is { } embedded ? embedded.BlobFile : null, result, outPath, cancellationToken);
            JobCommands.ReportCost(console, host);
            return (result, files);
        });

        console.MarkupLine(CultureInfo.InvariantCulture, "Attendance checked on [bold]{0:yyyy-MM-dd}[/] (the last school day on or before the as-of date)", outcome.CheckedOn);
        AttendanceReport.Write(console, outcome.Checks.SelectMany(c => c.Pupils).ToList());
        var emails = Directory.Exists(choice.OutboxDirectory) ? Directory.GetFiles(choice.OutboxDirectory!, "*.eml").Length : 0;
        DemoSummary.Write(console, outcome, reports, emails, outPath);
        return outcome.Dispatch is { Poisoned: > 0 } ? 1 : 0;
    }

    /// <summary>Clears what an earlier demo left in <paramref name="outPath"/>, so each run starts from an empty school.</summary>
    private static StoreChoice Prepare(string outPath, StoreChoice store)
    {
        foreach (var folder in new[] { "export", "reports", "outbox" })
        {
            var path = Path.Combine(outPath, folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        var ownsData = store.DataDirectory is null && !string.Equals(store.Store, "azure", StringComparison.OrdinalIgnoreCase);
        var data = store.DataDirectory ?? Path.Combine(outPath, "data");
        if (ownsData && Directory.Exists(data))
        {
            // A pooled connection would otherwise keep writing to the deleted database file.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        Directory.CreateDirectory(outPath);
        return store with { DataDirectory = data, OutboxDirectory = Path.Combine(outPath, "outbox"), CreateStore = true };
    }
}
