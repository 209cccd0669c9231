using System.CommandLine;
using ProgressFunctions.Cli.Hosting;
using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Configuration;
using Spectre.Console;

namespace ProgressFunctions.Cli.Commands;

/// <summary><c>progress upload</c>: puts an export in <c>mis-exports/{schoolId}/</c>, where the blob trigger ingests
/// it in Azure and <c>run-due</c> does on one machine.</summary>
internal static class UploadCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A CSV bundle folder (uploaded as a .zip), a .zip of one, or a CTF .xml file" };
        var school = JobCommands.SchoolOption();
        var command = new Command(
            "upload",
            "Put an MIS export where it is picked up: the blob trigger in Azure, run-due on one machine.\n\n"
            + "Example: progress upload ./export --school 100001 --store azure") { path, school };
        var host = HostOptions.AddTo(command);
        command.SetAction((r, ct) => CommandRunner.RunAsync("upload", r.GetValue(host.Verbose), Console.Error, async () =>
        {
            var (bytes, name) = JobCommands.ReadExport(r.GetValue(path)!);
            // Refused here, as ingest refuses it: once uploaded, run-due rejects it under a school that may have no staff to tell.
            if (ExportFile.SchoolJsonOf(bytes, name) is { } schoolJson && ExportSchool.SchoolJsonMismatch(r.GetValue(school)!, schoolJson) is { } mismatch)
            {
                Console.Error.WriteLine($"progress upload: {mismatch}");
                return 2;
            }

            var target = BlobPath.Parse($"{JobResources.ExportsContainer}/{r.GetValue(school)}/{name}");
            using var cli = CliHost.Create(host.Choice(r) with { CreateStore = true }, JobProgress.None, TimeProvider.System);
            await cli.Blobs.PutAsync(target, new MemoryStream(bytes, writable: false), ContentType(name), cancellationToken: ct);
            var console = Terminal.Create();
            console.WriteLine($"uploaded {bytes.Length:N0} bytes to {target}");
            console.WriteLine(cli.Store == StoreKind.Azure
                ? "the blob trigger ingests it (locally: the IngestMisExportPolling function on Azurite)"
                : "progress run-due ingests it");
            return 0;
        }));
        return command;
    }

    private static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".zip" => "application/zip",
        ".xml" => "application/xml",
        _ => "application/octet-stream",
    };
}
