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

    /// <summary>Writes alerts.json, import-errors.csv and a copy of every report; returns how many reports.</summary>
    /// <remarks><paramref name="fileOf"/> is where the embedded store keeps a blob as a file; null for a store that keeps none (Azure).</remarks>
    public static async Task<int> WriteAsync(IBlobStore blobs, Func<BlobPath, string>? fileOf, DemoOutcome outcome, string outDirectory, CancellationToken cancellationToken)
    {
        var alerts = outcome.Checks.SelectMany(c => c.Alerts).Select(a => new { a.PupilId, a.Rule, a.Severity, a.Evidence, Audience = a.Audience.ToArray(), a.RaisedOn });
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "alerts.json"), JsonSerializer.Serialize(alerts, s_json), cancellationToken);
        await WriteImportErrorsAsync(blobs, outcome, Path.Combine(outDirectory, "import-errors.csv"), cancellationToken);
        return await CopyReportsAsync(blobs, fileOf, Path.Combine(outDirectory, "reports"), cancellationToken);
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

        await output.WriteAsync(Core.Reports.SpreadsheetCsv.Bytes(Core.Imports.ImportErrorsCsv.Header), cancellationToken);
    }

    // On one machine each report is already a file: the system copies it (a 1,500-pupil school's 1,437 reports in a
    // fraction of the 0.44 s that reading and writing them one by one took).
    private static async Task<int> CopyReportsAsync(IBlobStore blobs, Func<BlobPath, string>? fileOf, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var reports = new List<BlobPath>();
        await foreach (var blob in blobs.ListAsync(JobResources.ReportsContainer + "/", cancellationToken))
        {
            reports.Add(blob.Path);
        }

        var copied = 0;
        await Parallel.ForEachAsync(FlatNames(reports), cancellationToken, async (report, ct) =>
        {
            var target = Path.Combine(folder, report.Name);
            if (fileOf is not null)
            {
                File.Copy(fileOf(report.Path), target, overwrite: true);
            }
            else
            {
                await using var source = await blobs.OpenReadAsync(report.Path, ct);
                if (source is null)
                {
                    return;
                }

                await using var output = File.Create(target);
                await source.CopyToAsync(output, ct);
            }

            Interlocked.Increment(ref copied);
        });
        return copied;
    }

    /// <summary>One folder, so a person can open them all: each report by its file name, which already carries the year and term or date.</summary>
    /// <remarks>
    /// Reports of one kind for several people share a file name in folders of their own (each attendance officer's
    /// digest, each mentor's): those take their folder's name too ("attendance-digest-2026-03-20-S004.pdf"), so no copy
    /// replaces another.
    /// </remarks>
    internal static IEnumerable<(BlobPath Path, string Name)> FlatNames(IReadOnlyList<BlobPath> reports) =>
        reports.Select(p => (Path: p, Segments: p.Name.Split('/')))
            .GroupBy(r => r.Segments[^1], StringComparer.Ordinal)
            .SelectMany(g => g.Select(r => (r.Path, g.Skip(1).Any() && r.Segments.Length > 1
                ? $"{Path.GetFileNameWithoutExtension(g.Key)}-{r.Segments[^2]}{Path.GetExtension(g.Key)}"
                : g.Key)));
}
