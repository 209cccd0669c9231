using System.Text.Json;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Cli.Demo;

/// <summary>The files the demo leaves for a person to open: alerts, import errors and the rendered reports.</summary>
internal static class DemoFiles
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<int> WriteAsync(IBlobStore blobs, DemoOutcome outcome, string outDirectory, CancellationToken cancellationToken)
    {
        var alerts = outcome.Checks.SelectMany(c => c.Alerts).Select(a => new { a.PupilId, a.Rule, a.Severity, a.Evidence, Audience = a.Audience.ToArray(), a.RaisedOn });
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "alerts.json"), JsonSerializer.Serialize(alerts, s_json), cancellationToken);
        await WriteImportErrorsAsync(blobs, outcome, Path.Combine(outDirectory, "import-errors.csv"), cancellationToken);
        return await CopyReportsAsync(blobs, Path.Combine(outDirectory, "reports"), cancellationToken);
    }

    private static async Task WriteImportErrorsAsync(IBlobStore blobs, DemoOutcome outcome, string path, CancellationToken cancellationToken)
    {
        await using var output = File.Create(path);
        if (outcome.Ingests.FirstOrDefault(i => i.RejectedPath is not null)?.RejectedPath is { } rejected
            && await blobs.OpenReadAsync(BlobPath.Parse(rejected), cancellationToken) is { } stream)
        {
            await using (stream)
            {
                await stream.CopyToAsync(output, cancellationToken);
            }

            return;
        }

        await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Core.Imports.ImportErrorsCsv.Header), cancellationToken);
    }

    private static async Task<int> CopyReportsAsync(IBlobStore blobs, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var copied = 0;
        await foreach (var blob in blobs.ListAsync(JobResources.ReportsContainer + "/", cancellationToken))
        {
            await using var source = await blobs.OpenReadAsync(blob.Path, cancellationToken);
            if (source is null)
            {
                continue;
            }

            // Flat, so a person can open them all; report file names already carry the year and term or date.
            await using var target = File.Create(Path.Combine(folder, blob.Path.Name[(blob.Path.Name.LastIndexOf('/') + 1)..]));
            await source.CopyToAsync(target, cancellationToken);
            copied++;
        }

        return copied;
    }
}
