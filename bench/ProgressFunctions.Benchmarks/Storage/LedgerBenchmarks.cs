using BenchmarkDotNet.Attributes;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Embedded;

namespace ProgressFunctions.Benchmarks.Storage;

/// <summary>One send-ledger operation on an embedded store that holds a school's documents beside large snapshot parts
/// (target under 0.2 ms), run in process: a read of the send record, the claim (create if absent) and the mark-sent (upsert).</summary>
/// <remarks>The store holds what a real one does next to the ledger rows in key order: pupils, attendance years, progress, outgoing
/// messages and eight snapshot parts of about 800 KB, so a lookup pays for whatever pages its neighbours bring.
/// <see cref="Layout"/> "without-rowid" lays the documents table out as stores before layout 1 did (and stamps the file
/// so the store opens it as it is, unmigrated), so that both layouts are measured in one run.</remarks>
[InProcess]
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    private const int Sends = 200;
    private const string School = "school-ledger";
    private string _directory = "";
    private EmbeddedStorage _storage = null!;
    private int _round;

    [Params("rowid", "without-rowid")]
    public string Layout { get; set; } = "rowid";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "progress-bench-" + Guid.NewGuid().ToString("N"));
        if (Layout == "without-rowid")
        {
            Directory.CreateDirectory(_directory);
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, EmbeddedStorage.DatabaseFileName)};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE documents (school_id TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL, etag TEXT NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (school_id, type, id)) WITHOUT ROWID;
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        _storage = EmbeddedStorage.Open(_directory);
        var part = new string('x', 800_000);
        var documents = StorageSamples.School(School)
            .Concat(Enumerable.Range(0, 1500).Select(n => new Document<object>(School, DocumentTypes.Outgoing, $"m-{n:D5}", new { Body = new string('o', 4000) })))
            .Concat(Enumerable.Range(0, 1500).Select(n => new Document<object>(School, DocumentTypes.Progress, $"pupil-{n:D5}", new { Results = new string('r', 6000) })))
            .Concat(Enumerable.Range(0, 8).Select(n => new Document<object>(School, DocumentTypes.Snapshot, $"2025-26-spring-end-part-{n:D3}", new { Pupils = part })))
            .Concat(Enumerable.Range(0, 1500).Select(n => new Document<object>(School, DocumentTypes.Sent, $"m-{n:D5}", new SendRecord($"r-{n}", $"c-{n}", DateTimeOffset.UnixEpoch, "outbox", $"p-{n}"))));
        _storage.Documents.BulkUpsertAsync(documents).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "Ledger operation (read, claim, mark sent), per operation", OperationsPerInvoke = Sends * 3)]
    public async Task ClaimAndMarkSent()
    {
        var documents = _storage.Documents;
        int round = _round++;
        for (int n = 0; n < Sends; n++)
        {
            string id = $"m-{n * 7:D5}-{round:D4}";
            _ = await documents.ReadAsync<SendRecord>(School, DocumentTypes.Sent, id);
            await documents.CreateIfAbsentAsync(new Document<SendRecord>(School, DocumentTypes.Sent, id,
                new SendRecord("r", "c", DateTimeOffset.UnixEpoch, "", "") { Status = SendStatus.Claimed }));
            await documents.UpsertAsync(new Document<SendRecord>(School, DocumentTypes.Sent, id,
                new SendRecord("r", "c", DateTimeOffset.UnixEpoch, "outbox", "p")));
        }
    }
}
