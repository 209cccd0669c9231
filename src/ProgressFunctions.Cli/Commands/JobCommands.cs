using System.CommandLine;
using System.Globalization;
using ProgressFunctions.Cli.Hosting;
using ProgressFunctions.Cli.Imports;
using ProgressFunctions.Core.Alerts;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Progress.Snapshots;
using ProgressFunctions.Core.Reports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure.Embedded;
using Spectre.Console;

namespace ProgressFunctions.Cli.Commands;

/// <summary>The job commands: each parses its options, runs one job through the configured store, and reports.</summary>
internal static class JobCommands
{
    public static Command Ingest()
    {
        var path = new Argument<string>("path") { Description = "A CSV bundle folder, a .zip of one, or a CTF .xml file" };
        var school = SchoolOption();
        var command = new Command("ingest", "Read, validate and store an MIS export; the rows it could not take are listed in a file under the store's blobs/mis-exports-rejected, which it names.\n\nExample: progress ingest ./export --school 100001") { path, school };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => Run(r, host, "ingest", async (jobs, console) =>
        {
            var (bytes, zipName) = ReadExport(r.GetValue(path)!);
            // A folder is named as the person gave it, not as the zip it is packed into only to be read.
            var name = Directory.Exists(r.GetValue(path)!) ? Path.GetFileNameWithoutExtension(zipName) : zipName;
            var result = await jobs.Get<IngestJob>().RunAsync(r.GetValue(school)!, name, new MemoryStream(bytes), ct);
            console.WriteLine(result.Message);
            foreach (var problem in result.FileErrors)
            {
                console.WriteLine($"  not imported: {problem}");
            }

            // The row errors on screen as validate lists them, a few of each kind: a pupil refused because two UPNs were
            // swapped, or every pupil because a spreadsheet dropped the ids' leading zeros, was said only in the errors file.
            const int rowLines = 12;
            var rowErrors = IssueListing.Lines(result.RowErrors, all: false, everyOne: "the file below lists every one").ToList();
            foreach (var line in rowErrors.Take(rowLines))
            {
                console.WriteLine($"  {line}");
            }

            if (rowErrors.Count > rowLines)
            {
                console.WriteLine("  and more row errors in the file below");
            }

            // The first warnings on screen: a warning only in the errors file went unread (a missing column, a file under another name).
            const int shown = 10;
            foreach (var warning in result.WarningsFirstToRead.Take(shown))
            {
                console.WriteLine($"  {warning}");
            }

            if (result.WarningsFirstToRead.Count > shown)
            {
                console.WriteLine($"  and {result.WarningsFirstToRead.Count - shown:N0} more warnings in the file below");
            }

            if (result.RejectedPath is { } rejected)
            {
                // On one machine the blob is a file under the data folder: name that file, which a person can open.
                var label = result.Outcome == IngestOutcome.Unreadable ? "why it was not imported" : "row errors and warnings";
                console.WriteLine($"{label}: {jobs.Embedded?.BlobFile(BlobPath.Parse(rejected)) ?? rejected}");
            }

            return result.Outcome == IngestOutcome.Unreadable ? 2 : result.Errors > 0 ? 1 : 0;
        }, createStore: true));
        return command;
    }

    public static Command CheckAttendance()
    {
        var school = SchoolOption();
        var asOf = CommonOptions.AsOf();
        var command = new Command("check-attendance", "Run the daily attendance check and queue the staff digests.\n\nExample: progress check-attendance --school 100001 --as-of 2026-03-20") { school, asOf };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => Run(r, host, "check-attendance", async (jobs, console) =>
        {
            var result = await jobs.Get<AttendanceCheckJob>().RunAsync(r.GetValue(school)!, CommonOptions.ResolveAsOf(r.GetValue(asOf), TimeProvider.System), ct);
            console.WriteLine(result.Message);
            foreach (var rule in result.Alerts.GroupBy(a => a.Rule).OrderBy(g => g.Key))
            {
                console.WriteLine($"  {rule.Key.Describe()}: {rule.Count()}");
            }

            // Staff messages that could not be addressed are "done, but with messages not sent": exit 1, as dispatch's are.
            return result.Outcome switch { CheckOutcome.NoSchool => 2, CheckOutcome.NoTermsThisYear => 1, _ when result.NeedsSomeone => 1, _ => 0 };
        }));
        return command;
    }

    public static Command Snapshot()
    {
        var school = SchoolOption();
        var term = CommonOptions.Choice("--term", "The term", ("autumn", TermName.Autumn), ("spring", TermName.Spring), ("summer", TermName.Summer));
        term.Required = true;
        // Year 6's KS2 results snapshot is not named here: run-due takes it once the export carries the scores.
        var point = CommonOptions.Choice("--point", "The term's start or end", ("start", SnapshotPoint.Start), ("end", SnapshotPoint.End));
        point.Required = true;
        var asOf = CommonOptions.AsOf();
        var stale = new Option<bool>("--include-stale")
        {
            Description = "Queue its reports even though a later snapshot's were queued: staff get them at once; its parents' batch still goes only if released with --include-stale",
        };
        var command = new Command("snapshot", "Take a term snapshot and queue its reports (never twice).\n\nExample: progress snapshot --school 100001 --term autumn --point end") { school, term, point, asOf, stale };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => Run(r, host, "snapshot", async (jobs, console) =>
        {
            var result = await jobs.Get<SnapshotJob>().TakeAsync(r.GetValue(school)!, r.GetValue(term), r.GetValue(point), CommonOptions.ResolveAsOf(r.GetValue(asOf), TimeProvider.System), r.GetValue(stale), ct);
            console.WriteLine(result.Message);
            return result.Ran ? 0 : 2;
        }));
        return command;
    }

    public static Command Dispatch()
    {
        var max = new Option<int?>("--max") { Description = "Send at most N report requests, then stop" };
        max.Validators.Add(r =>
        {
            // Only a number is checked here: "--max abc" is the parser's error, and reading its value would throw.
            if (r.Tokens is [var token] && int.TryParse(token.Value, out var most) && most < 1)
            {
                r.AddError("--max must be 1 or more: the number of report requests to send before stopping (leave it out to send them all)");
            }
        });
        var command = new Command("dispatch", "Render and send queued reports; each recipient gets each report once.\n\nExample: progress dispatch --max 100") { max };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => Run(r, host, "dispatch", async (jobs, console) =>
        {
            var result = await jobs.Get<DispatchJob>().DrainAsync(r.GetValue(max), TimeSpan.FromMinutes(5), ct);
            console.WriteLine(Describe(result));
            return result.Poisoned > 0 || result.NotSent > 0 ? 1 : 0;
        }));
        return command;
    }

    public static Command RunDueCommand()
    {
        var asOf = CommonOptions.AsOf();
        var command = new Command("run-due", "Do everything due now for every school: new exports, today's check, due snapshots, sending.\n\nExample: progress run-due --as-of 2026-03-20") { asOf };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => Run(r, host, "run-due", async (jobs, console) =>
        {
            var result = await jobs.Get<RunDue>().RunAsync(CommonOptions.ResolveAsOf(r.GetValue(asOf), TimeProvider.System), TimeSpan.FromMinutes(5), ct);
            foreach (var step in result.Steps)
            {
                console.WriteLine($"{step.SchoolId} {step.Step}: {step.Outcome}");
            }

            console.WriteLine("reports: " + Describe(result.Dispatch));
            var notDone = result.Steps.Where(s => s.NotDone).Select(s => $"{s.SchoolId} {s.Step}").ToList();
            if (notDone.Count > 0)
            {
                console.WriteLine($"not done, as an import held the school (said above): {string.Join(", ", notDone)}; run progress run-due again once that import has finished (or, if it stopped part way, been run again)");
            }

            return result.Steps.Any(s => s.NeedsSomeone) || result.Dispatch.NotSent > 0 || result.Dispatch.Poisoned > 0 ? 1 : 0;
        }, checkStore: true));
        return command;
    }

    private static string Describe(DispatchDrainResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Sent} e-mails sent, {r.NotSent} not sent (each recorded with its reason: progress sent, progress not-sent), {r.Waiting} waiting for their batch to be released; {r.Retried} to retry, {r.Poisoned} moved to {JobResources.ReportRequestsQueue}-poison")
        + (r.Deferred == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $"; {r.Deferred} held back while an earlier attempt's claim on them lasts (10 minutes from that attempt), then sent by the next dispatch"))
        + (r.LastError is { } error ? $" (the last failure: {error})" : "");

    /// <summary>On Cosmos DB, what the command cost in request units.</summary>
    internal static void ReportCost(IAnsiConsole console, CliHost host)
    {
        if (host.RequestCharge > 0)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage cost: {host.RequestCharge:N0} request units"));
        }
    }

    /// <summary>Null when the store knows the school; else the exit code, after saying which schools it knows.</summary>
    /// <remarks>A mistyped --school would list no batches and no messages, as if nothing had been prepared or sent.</remarks>
    internal static async Task<int?> UnknownSchoolAsync(CliHost cli, string command, string schoolId, CancellationToken cancellationToken)
    {
        var known = await cli.Get<SchoolJobs>().SchoolIdsAsync(cancellationToken);
        if (known.Contains(schoolId, StringComparer.Ordinal))
        {
            return null;
        }

        var which = known.Count == 0 ? "it holds no school yet: ingest an export first" : $"it holds {ReportFormat.Listed(known)}";
        Console.Error.WriteLine($"progress {command}: the store has no school {schoolId} ({which})");
        return 2;
    }

    internal static Option<string> SchoolOption()
    {
        var option = new Option<string>("--school") { Description = "The school's id (its URN, or the schoolId its school.json names)", Required = true };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && RecordId.Check(r.Tokens[0].Value, "--school") is { } problem)
            {
                r.AddError(problem);
            }
        });
        return option;
    }

    internal static Task<int> Run(ParseResult result, HostOptions host, string name, Func<CliHost, IAnsiConsole, Task<int>> body, bool createStore = false, bool checkStore = false)
    {
        var console = Terminal.Create();
        return CommandRunner.RunAsync(name, result.GetValue(host.Verbose), Console.Error, () => TerminalProgress.RunAsync(console, async progress =>
        {
            using var cli = CliHost.Create(host.Choice(result) with { CreateStore = createStore }, progress, TimeProvider.System);
            var embedded = cli.Embedded;
            try
            {
                if (embedded is not null)
                {
                    if (embedded.Created)
                    {
                        console.WriteLine($"started a new store in {embedded.DataDirectory}");
                    }
                    else if (checkStore)
                    {
                        embedded.CheckIntegrity();
                    }
                }

                var exit = await body(cli, console);
                ReportCost(console, cli);
                return exit;
            }
            catch (Exception e) when (embedded is not null && EmbeddedStorage.Damaged(e, embedded.DataDirectory) is { } damaged)
            {
                // Damage deeper in the file than opening reads shows only now: say which file and what to do, not SQLite's words alone.
                throw damaged;
            }
        }));
    }

    /// <summary>A file's bytes, or a folder packed as the zip it would be uploaded as.</summary>
    internal static (byte[] Bytes, string Name) ReadExport(string path)
    {
        if (Directory.Exists(path))
        {
            return (ExportFolder.Zip(path), Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) + ".zip");
        }

        return File.Exists(path) ? (File.ReadAllBytes(path), Path.GetFileName(path)) : throw new FileNotFoundException($"{path} does not exist");
    }
}
