using System.Globalization;
using ProgressFunctions.Core.Alerts;
using Spectre.Console;

namespace ProgressFunctions.Cli.Demo;

/// <summary>The end of the demo: what each phase did and cost.</summary>
internal static class DemoSummary
{
    public static void Write(IAnsiConsole console, DemoOutcome outcome, int reportFiles, int emails, string outDirectory)
    {
        foreach (var (ingest, day) in outcome.Ingests.Zip(outcome.ExportDays))
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest (export made {day:yyyy-MM-dd}): {ingest.Message}"));
        }

        foreach (var snapshot in outcome.Snapshots)
        {
            console.WriteLine("snapshots: " + snapshot.Message);
        }

        if (outcome.NextSnapshot is { } next)
        {
            var ready = next.DataTo.AddDays(1);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"next snapshot: {next.Term.Name.ToString().ToLowerInvariant()} term {next.Point.ToString().ToLowerInvariant()}, with data to {next.DataTo:yyyy-MM-dd}; progress demo --as-of {ready:yyyy-MM-dd} shows its reports"));
        }

        foreach (var released in outcome.Released)
        {
            console.WriteLine($"demo: {released.Message} at once; a school reviews each batch first (progress batches, hold, release)");
        }

        var alerts = new Table().Title("Alerts raised by the attendance check").AddColumns("Rule", "Alerts", "Most severe");
        foreach (var rule in outcome.Checks.SelectMany(c => c.Alerts).GroupBy(a => a.Rule).OrderBy(g => g.Key))
        {
            alerts.AddRow(Markup.Escape(rule.Key.Describe()), N(rule.Count()), rule.Max(a => a.Severity).ToString());
        }

        console.Write(alerts);
        var phases = new Table().Title("Time per phase").AddColumn("Phase").AddColumn(new TableColumn("Seconds").RightAligned());
        foreach (var phase in outcome.Phases)
        {
            phases.AddRow(phase.Phase, phase.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture));
        }

        phases.AddRow("[bold]total[/]", outcome.Phases.Sum(p => p.Elapsed.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture));
        console.Write(phases);
        var dispatch = outcome.Dispatch;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reports: {dispatch?.Completed ?? 0} requests sent ({dispatch?.Poisoned ?? 0} failed), {reportFiles} PDFs, {emails} e-mails; peak memory {outcome.PeakWorkingSetBytes / (1024 * 1024)} MiB"));
        if (dispatch is { Retried: > 0 })
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{dispatch.Retried} requests failed and wait for another attempt (the last failure: {dispatch.LastError})"));
        }

        console.WriteLine($"files: {Path.Combine(outDirectory, "reports")}, {Path.Combine(outDirectory, "outbox")}, {Path.Combine(outDirectory, "alerts.json")}, {Path.Combine(outDirectory, "import-errors.csv")}");
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

}
