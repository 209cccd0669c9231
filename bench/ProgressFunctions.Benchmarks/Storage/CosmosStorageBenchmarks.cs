using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using ProgressFunctions.Infrastructure.Azure;

namespace ProgressFunctions.Benchmarks.Storage;

/// <summary>Cosmos adapter through <c>@vercel/cosmosdb-server</c> (started here from tools/emulators; install it with
/// <c>npm ci</c> there first): bulk upsert of a school, 3,000 documents. Reported, no target: the test server is a
/// single Node process, not Cosmos DB, and has no batch support, so upserts run as concurrent point writes.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public partial class CosmosStorageBenchmarks
{
    private Process? _server;
    private CosmosStorage _cosmos = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        string tools = FindEmulators();
        _server = Process.Start(new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(tools, "start.js"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(tools, "node_modules/@vercel/cosmosdb-server/lib/cli.js"), "--host", "127.0.0.1", "--port", "0" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        string line = _server.StandardOutput.ReadLine() ?? throw new InvalidOperationException("cosmosdb-server did not start.");
        string port = ReadyLine().Match(line).Groups[1].Value;
        var settings = new CosmosSettings(new Uri($"https://127.0.0.1:{port}/"), "bench", "documents", Convert.ToBase64String(new byte[64]))
        {
            Gateway = true,
            LimitToEndpoint = true,
            AllowBulkExecution = false,
        };

        // Benchmark only: the local test server's certificate is self-signed.
        _cosmos = CosmosStorage.Create(settings, () => new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }));
        _cosmos.CreateContainerIfMissingAsync(settings).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cosmos.Dispose();
        _server?.Kill(entireProcessTree: true);
    }

    [Benchmark(Description = "Cosmos test server bulk upsert, 1,500 pupils + 1,500 attendance years")]
    public Task BulkUpsertSchool() => _cosmos.Documents.BulkUpsertAsync(StorageSamples.School($"school-{_round++}"));

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex ReadyLine();

    private static string FindEmulators()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tools", "emulators");
            if (File.Exists(Path.Combine(candidate, "start.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tools/emulators not found; run the benchmarks from the repository.");
    }
}
