using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>Documents in the embedded SQLite file: one row per document, the body as camelCase JSON (<see cref="DocumentBody"/>).</summary>
/// <remarks>Every write gets a new etag, unique to this store (see <c>NewETag</c>). Listing pages through the primary
/// key (500 rows at a time) so that no read transaction stays open while the caller works between pages.</remarks>
internal sealed class SqliteDocumentStore(SqliteDatabase database) : IDocumentStore, IStorageCost
{
    private const int PageSize = 500;

    // SQLite's primary-key constraint error: another writer created the row first.
    private const int SqliteConstraintPrimaryKey = 1555;

    // An etag only has to differ from every other this store has written: a random prefix per process and a counter.
    // A new Guid per write asked the OS for random bytes each time, 2% of an import's processor time.
    private static readonly string s_etagPrefix = Guid.NewGuid().ToString("N")[..16];
    private static long s_etagCounter;

    public double RequestCharge => 0;

    public async Task<Document<T>?> ReadAsync<T>(string schoolId, string type, string id, CancellationToken cancellationToken = default)
    {
        new DocumentKey(schoolId, type, id).Validate();
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection, "SELECT etag, body FROM documents WHERE school_id = $s AND type = $t AND id = $i");
        AddKey(command, schoolId, type, id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Document<T>(schoolId, type, id, DocumentBody.Read<T>(reader, 1, type, id), reader.GetString(0))
            : null;
    }

    public async Task<string> UpsertAsync<T>(Document<T> document, CancellationToken cancellationToken = default)
    {
        document.Key.Validate();
        var body = DocumentBody.ToUtf8(document.Body);
        using var connection = database.Connect();
        using var command = UpsertCommand(connection, null);
        return await UpsertOneAsync(command, document.Key, body, cancellationToken);
    }

    public async Task<CreateResult> CreateIfAbsentAsync<T>(Document<T> document, CancellationToken cancellationToken = default)
    {
        document.Key.Validate();
        string etag = NewETag();
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection, $"INSERT INTO documents (school_id, type, id, etag, body) VALUES ($s, $t, $i, $e, {DocumentBody.Parameter})");
        AddKey(command, document.SchoolId, document.Type, document.Id);
        command.Parameters.AddWithValue("$e", etag);
        command.Parameters.AddWithValue("$b", DocumentBody.ToUtf8(document.Body));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new CreateResult(CreateOutcome.Created, etag);
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteConstraintPrimaryKey)
        {
            var existing = await ReadAsync<JsonElement>(document.SchoolId, document.Type, document.Id, cancellationToken);
            return new CreateResult(CreateOutcome.AlreadyExisted, existing?.ETag);
        }
    }

    public async Task<ReplaceResult> ReplaceAsync<T>(Document<T> document, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        document.Key.Validate();
        ArgumentException.ThrowIfNullOrEmpty(ifMatchETag);
        string etag = NewETag();
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection,
            $"UPDATE documents SET etag = $e, body = {DocumentBody.Parameter} WHERE school_id = $s AND type = $t AND id = $i AND etag = $old");
        AddKey(command, document.SchoolId, document.Type, document.Id);
        command.Parameters.AddWithValue("$e", etag);
        command.Parameters.AddWithValue("$b", DocumentBody.ToUtf8(document.Body));
        command.Parameters.AddWithValue("$old", ifMatchETag);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return new ReplaceResult(ReplaceOutcome.Replaced, etag);
        }

        // The conditional update is atomic; this read only tells the two failures apart.
        var current = await ReadAsync<JsonElement>(document.SchoolId, document.Type, document.Id, cancellationToken);
        return new ReplaceResult(current is null ? ReplaceOutcome.NotFound : ReplaceOutcome.ETagConflict, null);
    }

    public async Task<bool> DeleteAsync(string schoolId, string type, string id, CancellationToken cancellationToken = default)
    {
        new DocumentKey(schoolId, type, id).Validate();
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection, "DELETE FROM documents WHERE school_id = $s AND type = $t AND id = $i");
        AddKey(command, schoolId, type, id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async IAsyncEnumerable<Document<T>> ListAsync<T>(
        string schoolId, string type, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        new DocumentKey(schoolId, type, "-").Validate();
        string after = "";
        while (true)
        {
            var page = new List<Document<T>>(PageSize);
            using (var connection = database.Connect())
            using (var command = SqliteDatabase.Command(
                connection,
                "SELECT id, etag, body FROM documents WHERE school_id = $s AND type = $t AND id > $i ORDER BY id LIMIT $n"))
            {
                AddKey(command, schoolId, type, after);
                command.Parameters.AddWithValue("$n", PageSize);
                using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    string id = reader.GetString(0);
                    page.Add(new Document<T>(schoolId, type, id, DocumentBody.Read<T>(reader, 2, type, id), reader.GetString(1)));
                }
            }

            foreach (var document in page)
            {
                yield return document;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    public async Task BulkUpsertAsync<T>(IEnumerable<Document<T>> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        using var connection = database.Connect();

        // One transaction per chunk: fast (one commit), and a very large bulk never holds the write lock for long.
        foreach (var chunk in documents.Chunk(2000))
        {
            Array.ForEach(chunk, d => d.Key.Validate());
            await WriteAsync(connection, Serialized(chunk), cancellationToken);
        }
    }

    public async Task CommitAsync(string schoolId, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var documents = writes.Select(w => new Document<object>(schoolId, w.Type, w.Id, w.Body)).ToList();
        documents.ForEach(d => d.Key.Validate());
        var rows = Serialized(documents);
        using var connection = database.Connect();
        await WriteAsync(connection, rows, cancellationToken);
    }

    /// <summary>Each document's key and body bytes, in order, serialized before the write lock is taken.</summary>
    /// <remarks>
    /// Serializing is most of a large write's time (an import's thousands of documents, a snapshot's parts of up to a
    /// megabyte): done first, and on every processor, another writer (a second school) waits only for the inserts.
    /// Each document goes to its own slot of the result: no ordered merge, which (PLINQ's) spun waiting for its
    /// partitions when two schools serialized at once on two processors.
    /// </remarks>
    private static (DocumentKey Key, byte[] Body)[] Serialized<T>(IReadOnlyList<Document<T>> documents)
    {
        var rows = new (DocumentKey Key, byte[] Body)[documents.Count];
        if (rows.Length < 8)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                Serialize(i);
            }
        }
        else
        {
            Parallel.For(0, rows.Length, Serialize);
        }

        return rows;

        void Serialize(int i) => rows[i] = (documents[i].Key, DocumentBody.ToUtf8(documents[i].Body));
    }

    private static async Task WriteAsync(SqliteConnection connection, (DocumentKey Key, byte[] Body)[] rows, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = UpsertCommand(connection, transaction);
        foreach (var (key, body) in rows)
        {
            await UpsertOneAsync(command, key, body, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static SqliteCommand UpsertCommand(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var command = SqliteDatabase.Command(
            connection,
            $"""
            INSERT INTO documents (school_id, type, id, etag, body) VALUES ($s, $t, $i, $e, {DocumentBody.Parameter})
            ON CONFLICT (school_id, type, id) DO UPDATE SET etag = excluded.etag, body = excluded.body
            """,
            transaction);
        foreach (string name in new[] { "$s", "$t", "$i", "$e" })
        {
            command.Parameters.Add(name, SqliteType.Text);
        }

        command.Parameters.Add("$b", SqliteType.Blob);

        return command;
    }

    private static async Task<string> UpsertOneAsync(SqliteCommand command, DocumentKey key, byte[] body, CancellationToken cancellationToken)
    {
        string etag = NewETag();
        command.Parameters["$s"].Value = key.SchoolId;
        command.Parameters["$t"].Value = key.Type;
        command.Parameters["$i"].Value = key.Id;
        command.Parameters["$e"].Value = etag;
        command.Parameters["$b"].Value = body;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return etag;
    }

    private static void AddKey(SqliteCommand command, string schoolId, string type, string id)
    {
        command.Parameters.AddWithValue("$s", schoolId);
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$i", id);
    }

    private static string NewETag() =>
        string.Create(CultureInfo.InvariantCulture, $"{s_etagPrefix}{Interlocked.Increment(ref s_etagCounter):x16}");
}
