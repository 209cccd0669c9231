using BenchmarkDotNet.Attributes;
using ProgressFunctions.Infrastructure.Embedded;

namespace ProgressFunctions.Benchmarks.Storage;

/// <summary>Embedded store: bulk upsert of a school (3,000 documents; target under 1 s) and 10,000 queue messages
/// sent, received in batches of 32 and completed (target over 2,000 messages per second).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[MemoryDiagnoser]
public class EmbeddedStorageBenchmarks
{
    private const int Messages = 10_000;
    private string _directory = "";
    private EmbeddedStorage _storage = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "progress-bench-" + Guid.NewGuid().ToString("N"));
        _storage = EmbeddedStorage.Open(_directory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "Embedded bulk upsert, 1,500 pupils + 1,500 attendance years")]
    public Task BulkUpsertSchool() => _storage.Documents.BulkUpsertAsync(StorageSamples.School($"school-{_round++}"));

    [Benchmark(Description = "Embedded queue, 10,000 messages send + receive + complete", OperationsPerInvoke = Messages)]
    public async Task QueueRoundTrip()
    {
        string queue = $"bench-{_round++}";
        var q = _storage.Queue;
        await q.CreateIfMissingAsync(queue);
        for (int i = 0; i < Messages; i++)
        {
            await q.SendAsync(queue, "{\"reportId\":\"r-" + i + "\"}");
        }

        int done = 0;
        while (done < Messages)
        {
            foreach (var message in await q.ReceiveAsync(queue, 32, TimeSpan.FromMinutes(5)))
            {
                await q.CompleteAsync(queue, message);
                done++;
            }
        }
    }
}
