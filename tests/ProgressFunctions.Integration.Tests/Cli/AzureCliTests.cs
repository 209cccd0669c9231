using Azure.Storage.Blobs;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.TestSupport.Emulators;

namespace ProgressFunctions.Integration.Tests.Cli;

/// <summary>The local Azure loop through the <c>progress</c> process, configured by environment variables only, against
/// Azurite and the Cosmos test server; the blobs it writes are read back with Microsoft's own Storage client (the queue
/// messages the jobs write are read with Microsoft's queue client in the Function App tests and AzureQueueEncodingTests).</summary>
[Collection(Integrity.AzureQueuesCollection.Name)]
public sealed class AzureCliTests
{
    [Fact]
    public async Task Demo_StoreAzureFromEnvironmentOnly_RunsEndToEndAndWritesWhatMicrosoftsClientsRead()
    {
        var environment = await AzureEnvironmentAsync();
        var folder = CliProcess.TempFolder();

        var (exit, output, error) = CliProcess.Run(folder, environment, "demo", "--store", "azure", "--pupils", "12", "--seed", "11", "--as-of", "2026-03-20", "--out", "out");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        Assert.Contains("store Azure", output, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "out", "outbox"), "*.eml"));
        var reports = new BlobServiceClient(environment["AzureWebJobsStorage"]).GetBlobContainerClient(JobResources.ReportsContainer);
        var pdf = await reports.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "100001/" }).FirstAsync(b => b.Name.EndsWith(".pdf", StringComparison.Ordinal));
        var content = (await reports.GetBlobClient(pdf.Name).DownloadContentAsync()).Value;
        Assert.Equal("%PDF-", content.Content.ToString()[..5]);
    }

    [Fact]
    public async Task Upload_StoreAzure_PutsTheExportWhereTheBlobTriggerWatches()
    {
        var environment = await AzureEnvironmentAsync();
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "10", "--phase", "primary", "--format", "csv", "--out", "export").ExitCode);
        // Filed under an id of its own (the other tests' school is 100001 on the same emulator), as school.json allows.
        var json = Path.Combine(folder, "export", "school.json");
        var school = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!;
        school["schoolId"] = "100002";
        File.WriteAllText(json, school.ToJsonString());

        var (exit, output, error) = CliProcess.Run(folder, environment, "upload", "export", "--school", "100002");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        Assert.Contains("mis-exports/100002/export.zip", output, StringComparison.Ordinal);
        var blob = new BlobServiceClient(environment["AzureWebJobsStorage"]).GetBlobContainerClient(JobResources.ExportsContainer).GetBlobClient("100002/export.zip");
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("application/zip", properties.ContentType);
        Assert.Equal("PK", (await blob.DownloadContentAsync()).Value.Content.ToString()[..2]);
    }

    [Fact]
    public void Upload_EmbeddedThenRunDue_TheExportIsIngested()
    {
        var folder = CliProcess.TempFolder();
        Assert.Equal(0, CliProcess.Run(folder, "generate", "--pupils", "10", "--phase", "primary", "--format", "csv", "--as-of", "2025-11-14", "--out", "export").ExitCode);

        var upload = CliProcess.Run(folder, "upload", "export", "--school", "100001", "--data", "data");
        var runDue = CliProcess.Run(folder, "run-due", "--data", "data", "--as-of", "2025-11-14");

        Assert.True(upload.ExitCode == 0, upload.Error);
        Assert.Contains("run-due", upload.Output, StringComparison.Ordinal);
        // The first run catches up the start-of-term snapshot, weeks old: its parent reports wait for staff, so exit 1.
        Assert.True(runDue.ExitCode == 1, runDue.Error + runDue.Output);
        Assert.Contains("100001 ingest: export.zip: 10 pupils added", runDue.Output, StringComparison.Ordinal);
        Assert.Contains("held: its figures end on 16 September 2025", runDue.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Upload_MissingFolder_FailsWithOneLine()
    {
        var (exit, _, error) = CliProcess.Run(CliProcess.TempFolder(), "upload", "no-such-export", "--school", "100001", "--data", "data");

        Assert.Equal(2, exit);
        Assert.Equal("progress upload: no-such-export does not exist", error.Trim());
    }

    [Fact]
    public async Task Demo_StoreAzureWithASettingMissing_FailsNamingIt()
    {
        var environment = new Dictionary<string, string>(await AzureEnvironmentAsync());
        environment.Remove("CosmosDb__Database");

        var (exit, _, error) = CliProcess.Run(CliProcess.TempFolder(), environment, "demo", "--store", "azure", "--pupils", "5", "--out", "out");

        Assert.NotEqual(0, exit);
        Assert.Contains("CosmosDb__Database is missing.", error, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyDictionary<string, string>> AzureEnvironmentAsync()
    {
        var (_, _, isTestServer) = await CosmosTestServer.EndpointAsync();
        string flag = isTestServer ? "true" : "false";
        return new Dictionary<string, string>
        {
            ["Progress__Store"] = "Azure",
            ["AzureWebJobsStorage"] = await Azurite.ConnectionStringAsync(),
            ["CosmosDb__ConnectionString"] = await CosmosTestServer.ConnectionStringAsync(),
            ["CosmosDb__Database"] = "progress-cli",
            ["CosmosDb__Container"] = "documents-" + Guid.NewGuid().ToString("N")[..8],
            ["CosmosDb__Gateway"] = flag,
            ["CosmosDb__LimitToEndpoint"] = flag,
            ["CosmosDb__ReadByQuery"] = flag,
            ["CosmosDb__AllowBulkExecution"] = isTestServer ? "false" : "true",
        };
    }
}
