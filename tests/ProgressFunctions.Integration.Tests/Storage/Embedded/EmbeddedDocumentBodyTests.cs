using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Core.Schools;
using ProgressFunctions.Infrastructure;
using ProgressFunctions.Infrastructure.Embedded;
using ProgressFunctions.Integration.Tests.Jobs;
using ProgressFunctions.TestSupport;

namespace ProgressFunctions.Integration.Tests.Storage.Embedded;

/// <summary>Document bodies in the SQLite file: TEXT holding exactly the UTF-8 of the camelCase JSON, whichever way
/// they were written, and read back from those bytes (including stores written when bodies were bound as strings).</summary>
public sealed class EmbeddedDocumentBodyTests : IDisposable
{
    private const string School = "s1";

    private readonly string _directory = TestFolders.New("progress-bodies-");

    private string File => Path.Combine(_directory, EmbeddedStorage.DatabaseFileName);

    // Non-ASCII, a character outside the BMP, a lone surrogate, quotes, a control character, an enum and an omitted null.
    private static readonly Body s_body = new("Zoë Ó'Brien \"Jo\" 😀\n\t", SendStatus.Claimed, new DateOnly(2026, 3, 13), 12.50m, null, ["sen", "\uD800", "née"]);

    // System.Text.Json writes a lone surrogate as U+FFFD, whichever way the body is bound.
    private static readonly string[] s_tagsRead = ["sen", "\uFFFD", "née"];

    public static TheoryData<string> Writes => ["upsert", "create", "replace", "bulk", "commit"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_AnyWay_BodyIsTextWithTheUtf8OfTheStringSerialization(string write)
    {
        var storage = EmbeddedStorage.Open(_directory);
        await WriteAsync(storage.Documents, write, new Document<Body>(School, "pupil", "p1", s_body));

        var (kind, bytes) = StoredBody("p1");

        Assert.Equal("text", kind);
        Assert.Equal(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(s_body, StorageJson.Options)), bytes);
        Assert.Equal(s_body.Name, Scalar("SELECT json_extract(body, '$.name') FROM documents WHERE id = 'p1'"));
        Assert.Equal(1L, Scalar("SELECT count(*) FROM documents WHERE body LIKE '%\"status\":\"claimed\"%'"));
    }

    // An id of one character; 190 two-byte characters (bound from an array: its most UTF-8 bytes pass the stack's 512);
    // an accented name with a character outside the BMP.
    public static TheoryData<string, string> Ids => new()
    {
        { "upsert", "a" }, { "bulk", "a" }, { "commit", "a" },
        { "upsert", new string('é', DocumentKey.MaxIdLength) }, { "bulk", new string('é', DocumentKey.MaxIdLength) }, { "commit", new string('é', DocumentKey.MaxIdLength) },
        { "upsert", "Zoë 😀" }, { "commit", "Zoë 😀" },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Write_IdOfAnyLengthAndCharacters_StoredAsTextAndReadBackByIt(string write, string id)
    {
        var storage = EmbeddedStorage.Open(_directory);
        await WriteAsync(storage.Documents, write, new Document<Body>(School, "pupil", id, s_body));

        Assert.Equal(id, Scalar("SELECT id FROM documents WHERE type = 'pupil'"));
        Assert.Equal("text", Scalar("SELECT typeof(id) FROM documents WHERE type = 'pupil'"));
        Assert.Equal(s_body.Name, (await storage.Documents.ReadAsync<Body>(School, "pupil", id))!.Body.Name);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_TableGone_FaultsItsTaskWithSqlitesErrorAndWritesNothing(string write)
    {
        var storage = EmbeddedStorage.Open(_directory);
        Scalar("ALTER TABLE documents RENAME TO documents_away");

        var written = WriteAsync(storage.Documents, write, new Document<Body>(School, "pupil", "p1", s_body));

        var error = await Assert.ThrowsAsync<SqliteException>(() => written);
        Assert.Contains("no such table: documents", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM documents_away"));
    }

    [Fact]
    public async Task ReadAsync_WrittenBody_RoundTripsToTheSameValueAndBytes()
    {
        var storage = EmbeddedStorage.Open(_directory);
        await storage.Documents.UpsertAsync(new Document<Body>(School, "pupil", "p1", s_body));

        var read = (await storage.Documents.ReadAsync<Body>(School, "pupil", "p1"))!.Body;

        Assert.Equal(s_body with { Tags = Array.Empty<string>() }, read with { Tags = Array.Empty<string>() });
        Assert.Equal(s_tagsRead, read.Tags);
        Assert.Equal(StoredBody("p1").Bytes, JsonSerializer.SerializeToUtf8Bytes(read, StorageJson.Options));
    }

    [Fact]
    public async Task Ingest_SyntheticSchool_EveryBodyIsTheUtf8OfItsStringSerializationAndRoundTrips()
    {
        using var fixture = new JobsFixture();
        await fixture.IngestAsync(JobsFixture.Zip(JobsFixture.Generate(pupils: 12)));
        var database = Path.Combine(fixture.Directory, "data", EmbeddedStorage.DatabaseFileName);
        var documents = fixture.Context.Documents;

        await AssertStoredAsStringsWouldBe<PupilRecord>(documents, database, DocumentTypes.Pupil);
        await AssertStoredAsStringsWouldBe<Contact>(documents, database, DocumentTypes.Contact);
        await AssertStoredAsStringsWouldBe<PupilProgress>(documents, database, DocumentTypes.Progress);
        await AssertStoredAsStringsWouldBe<AttendanceYear>(documents, database, DocumentTypes.Attendance);
    }

    [Fact]
    public async Task ReadAndList_BodiesBoundAsStrings_ReadBackAsWritten()
    {
        var storage = EmbeddedStorage.Open(_directory);
        var progress = new PupilProgress("p1", [], [], [], []);
        InsertAsString("progress", "p1", progress);
        InsertAsString("pupil", "p2", s_body);

        var read = await storage.Documents.ReadAsync<PupilProgress>(School, "progress", "p1");
        var listed = await storage.Documents.ListAsync<Body>(School, "pupil").ToListAsync();

        Assert.Equal("p1", read?.Body.PupilId);
        Assert.Null(read?.Body.Interventions);
        Assert.Equal("etag-p1", read?.ETag);
        Assert.Equal(s_body.Name, Assert.Single(listed).Body.Name);
        Assert.Equal(s_tagsRead, listed[0].Body.Tags);
    }

    [Fact]
    public async Task ReadAsync_AttendanceYearStoredBeforeMinutesLate_LoadsWithoutThem()
    {
        var storage = EmbeddedStorage.Open(_directory);
        Run("""INSERT INTO documents VALUES ('s1', 'attendance', 'p1-2024', 'e1', '{"pupilId":"p1","year":2024,"stamps":["2024-09-06T16:00:00+00:00"],"days":["2024-09-04 / \\ 0 0"]}')""");

        var year = (await storage.Documents.ReadAsync<AttendanceYear>(School, "attendance", "p1-2024"))!.Body;

        Assert.Equal(["2024-09-04 / \\ 0 0"], year.Days);
        Assert.Null(year.MinutesLate);
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("")]
    [InlineData("not json")]
    public async Task ReadAndList_BodyNotJson_ThrowJsonException(string body)
    {
        var storage = EmbeddedStorage.Open(_directory);
        Run($"INSERT INTO documents VALUES ('s1', 'pupil', 'p1', 'e1', '{body}')");

        await Assert.ThrowsAsync<JsonException>(() => storage.Documents.ReadAsync<Body>(School, "pupil", "p1"));
        await Assert.ThrowsAsync<JsonException>(async () => await storage.Documents.ListAsync<Body>(School, "pupil").ToListAsync());
    }

    [Fact]
    public async Task ReadAsync_BodyJsonNull_ThrowsStorageExceptionNamingTheDocument()
    {
        var storage = EmbeddedStorage.Open(_directory);
        Run("INSERT INTO documents VALUES ('s1', 'pupil', 'p1', 'e1', 'null')");

        var error = await Assert.ThrowsAsync<StorageException>(() => storage.Documents.ReadAsync<Body>(School, "pupil", "p1"));

        Assert.Contains("pupil/p1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_StoreWithUtf16Text_RefusedAndLeftAsItIs()
    {
        Run("PRAGMA encoding = 'UTF-16le'; CREATE TABLE kept (x TEXT); INSERT INTO kept VALUES ('x');");

        var error = Assert.Throws<StoreUnavailableException>(() => EmbeddedStorage.Open(_directory));

        Assert.Contains("UTF-16le", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'documents'"));
        Assert.Equal("delete", Scalar("PRAGMA journal_mode"));
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

    private static Task WriteAsync(IDocumentStore store, string write, Document<Body> document) => write switch
    {
        "upsert" => store.UpsertAsync(document),
        "create" => store.CreateIfAbsentAsync(document),
        "replace" => ReplaceAsync(store, document),
        "bulk" => store.BulkUpsertAsync([document]),
        "commit" => store.CommitAsync(document.SchoolId, [DocumentWrite.Of(document.Type, document.Id, document.Body)]),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write, "not a write"),
    };

    private static async Task ReplaceAsync(IDocumentStore store, Document<Body> document)
    {
        string etag = await store.UpsertAsync(document with { Body = document.Body with { Name = "before" } });
        Assert.Equal(ReplaceOutcome.Replaced, (await store.ReplaceAsync(document, etag)).Outcome);
    }

    // A row as stores wrote them before bodies were bound as bytes: the JSON string bound as a TEXT parameter.
    private void InsertAsString<T>(string type, string id, T body)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO documents (school_id, type, id, etag, body) VALUES ($s, $t, $i, $e, $b)";
        command.Parameters.AddWithValue("$s", School);
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$i", id);
        command.Parameters.AddWithValue("$e", "etag-" + id);
        command.Parameters.AddWithValue("$b", JsonSerializer.Serialize(body, StorageJson.Options));
        command.ExecuteNonQuery();
    }

    private static async Task AssertStoredAsStringsWouldBe<T>(IDocumentStore documents, string database, string type)
    {
        var listed = await documents.ListAsync<T>(JobsFixture.School, type).ToListAsync();
        Assert.NotEmpty(listed);
        foreach (var document in listed)
        {
            var (kind, bytes) = StoredBody(database, type, document.Id);
            Assert.Equal("text", kind);
            Assert.Equal(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document.Body, StorageJson.Options)), bytes);
        }
    }

    private (string Kind, byte[] Bytes) StoredBody(string id) => StoredBody(File, "pupil", id);

    private static (string Kind, byte[] Bytes) StoredBody(string database, string type, string id)
    {
        using var connection = Connect(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(body), CAST(body AS BLOB) FROM documents WHERE type = $t AND id = $i";
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$i", id);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetFieldValue<byte[]>(1));
    }

    private void Run(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private SqliteConnection Connect() => Connect(File);

    private static SqliteConnection Connect(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        return connection;
    }

    public sealed record Body(string Name, SendStatus Status, DateOnly Date, decimal Score, string? Missing, IReadOnlyList<string> Tags);
}
