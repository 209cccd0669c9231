using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

/// <summary>A store file written by the layout before rowid documents (layout 0) opens, is migrated whole and works.</summary>
public sealed class EmbeddedMigrationTests : IDisposable
{
    // The documents table exactly as the earlier version created it.
    private const string LayoutZero = """
        CREATE TABLE documents (
            school_id TEXT NOT NULL,
            type TEXT NOT NULL,
            id TEXT NOT NULL,
            etag TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (school_id, type, id)
        ) WITHOUT ROWID;
        CREATE TABLE queues (name TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            queue TEXT NOT NULL,
            id TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            inserted_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            dequeue_count INTEGER NOT NULL DEFAULT 0,
            receipt TEXT
        );
        CREATE INDEX messages_visible ON messages (queue, visible_at, seq);
        INSERT INTO documents VALUES ('s1', 'pupil', 'p1', 'etag-1', '{"name":"Ada","year":7}');
        INSERT INTO documents VALUES ('s1', 'pupil', 'p2', 'etag-2', '{"name":"Ben","year":8}');
        INSERT INTO documents VALUES ('s1', 'sent', 'm1', 'etag-3', '{"name":"sent","year":0}');
        INSERT INTO queues VALUES ('dispatch');
        INSERT INTO messages (queue, id, body, inserted_at, visible_at) VALUES ('dispatch', 'q1', '{"reportId":"r1"}', 0, 0);
        """;

    private readonly string _directory = TestFolders.New("progress-migrate-");

    private string File => Path.Combine(_directory, EmbeddedStorage.DatabaseFileName);

    [Fact]
    public async Task Open_LayoutZeroStore_DocumentsMigratedToRowidAndReadableAndWritable()
    {
        Run(LayoutZero);

        var storage = EmbeddedStorage.Open(_directory);

        Assert.DoesNotContain("WITHOUT ROWID", Scalar("SELECT sql FROM sqlite_schema WHERE name = 'documents'"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((long)SqliteDatabase.SchemaVersion, Scalar<long>("PRAGMA user_version"));
        var ada = await storage.Documents.ReadAsync<Body>("s1", "pupil", "p1");
        Assert.Equal(new Body("Ada", 7), ada?.Body);
        Assert.Equal("etag-1", ada?.ETag);
        Assert.Equal(["p1", "p2"], await storage.Documents.ListAsync<Body>("s1", "pupil").Select(d => d.Id).ToListAsync());
        Assert.Equal(ReplaceOutcome.Replaced, (await storage.Documents.ReplaceAsync(new Document<Body>("s1", "pupil", "p2", new Body("Ben", 9)), "etag-2")).Outcome);
        Assert.Equal(CreateOutcome.AlreadyExisted, (await storage.Documents.CreateIfAbsentAsync(new Document<Body>("s1", "sent", "m1", new Body("again", 1)))).Outcome);
        Assert.Equal(CreateOutcome.Created, (await storage.Documents.CreateIfAbsentAsync(new Document<Body>("s1", "sent", "m2", new Body("new", 1)))).Outcome);
        Assert.Equal(new Body("Ben", 9), (await storage.Documents.ReadAsync<Body>("s1", "pupil", "p2"))?.Body);
        Assert.Equal(1, await storage.Queue.CountAsync("dispatch"));
    }

    [Fact]
    public async Task Open_MigratedStoreOpenedAgain_KeepsItsDocuments()
    {
        Run(LayoutZero);
        var first = EmbeddedStorage.Open(_directory);
        await first.Documents.UpsertAsync(new Document<Body>("s1", "pupil", "p3", new Body("Cy", 10)));

        var again = EmbeddedStorage.Open(_directory);

        Assert.Equal(["p1", "p2", "p3"], await again.Documents.ListAsync<Body>("s1", "pupil").Select(d => d.Id).ToListAsync());
        Assert.Equal("ok", Scalar("PRAGMA integrity_check"));
    }

    [Fact]
    public void Open_StoreFromANewerLayout_RefusedAndLeftAsItIs()
    {
        Run(LayoutZero + "PRAGMA user_version = 99;");

        var error = Assert.Throws<StoreUnavailableException>(() => EmbeddedStorage.Open(_directory));

        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
        Assert.Contains("WITHOUT ROWID", Scalar("SELECT sql FROM sqlite_schema WHERE name = 'documents'"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private void Run(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string Scalar(string sql) => Scalar<string>(sql);

    private T Scalar<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    private sealed record Body(string Name, int Year);
}
