using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Ports;
using SQLitePCL;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>Documents in the embedded SQLite file: one row per document, the body as camelCase JSON.</summary>
/// <remarks>ETags are random per write. Listing pages through the primary key (500 rows at a time) so that no read
/// transaction stays open while the caller works between pages.</remarks>
internal sealed class SqliteDocumentStore(SqliteDatabase database) : IDocumentStore, IStorageCost
{
    private const int PageSize = 500;

    // SQLite's primary-key constraint error: another writer created the row first.
    private const int SqliteConstraintPrimaryKey = 1555;

    // The body parameter carries UTF-8 bytes; CAST makes SQLite keep them as TEXT (without it a bound BLOB stays a
    // BLOB in a TEXT column). SQLite reads a BLOB cast to TEXT as text in the database's encoding, which for
    // this store is always UTF-8 (SqliteDatabase.Open refuses any other), so the bytes are stored as they are.
    private const string BodyAsText = "CAST($b AS TEXT)";

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
            ? new Document<T>(schoolId, type, id, Deserialize<T>(reader, 1, type, id), reader.GetString(0))
            : null;
    }

    public async Task<string> UpsertAsync<T>(Document<T> document, CancellationToken cancellationToken = default)
    {
        document.Key.Validate();
        using var connection = database.Connect();
        using var command = UpsertCommand(connection, null);
        return await UpsertOneAsync(command, document, cancellationToken);
    }

    public async Task<CreateResult> CreateIfAbsentAsync<T>(Document<T> document, CancellationToken cancellationToken = default)
    {
        document.Key.Validate();
        string etag = NewETag();
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection, $"INSERT INTO documents (school_id, type, id, etag, body) VALUES ($s, $t, $i, $e, {BodyAsText})");
        AddKey(command, document.SchoolId, document.Type, document.Id);
        command.Parameters.AddWithValue("$e", etag);
        command.Parameters.AddWithValue("$b", Serialize(document.Body));
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
            $"UPDATE documents SET etag = $e, body = {BodyAsText} WHERE school_id = $s AND type = $t AND id = $i AND etag = $old");
        AddKey(command, document.SchoolId, document.Type, document.Id);
        command.Parameters.AddWithValue("$e", etag);
        command.Parameters.AddWithValue("$b", Serialize(document.Body));
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
                    page.Add(new Document<T>(schoolId, type, id, Deserialize<T>(reader, 2, type, id), reader.GetString(1)));
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
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = UpsertCommand(connection, transaction);
            foreach (var document in chunk)
            {
                document.Key.Validate();
                await UpsertOneAsync(command, document, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async Task CommitAsync(string schoolId, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var documents = writes.Select(w => new Document<object>(schoolId, w.Type, w.Id, w.Body)).ToList();
        documents.ForEach(d => d.Key.Validate());
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = UpsertCommand(connection, transaction);
        foreach (var document in documents)
        {
            await UpsertOneAsync(command, document, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static SqliteCommand UpsertCommand(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var command = SqliteDatabase.Command(
            connection,
            $"""
            INSERT INTO documents (school_id, type, id, etag, body) VALUES ($s, $t, $i, $e, {BodyAsText})
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

    private static async Task<string> UpsertOneAsync<T>(SqliteCommand command, Document<T> document, CancellationToken cancellationToken)
    {
        string etag = NewETag();
        command.Parameters["$s"].Value = document.SchoolId;
        command.Parameters["$t"].Value = document.Type;
        command.Parameters["$i"].Value = document.Id;
        command.Parameters["$e"].Value = etag;
        command.Parameters["$b"].Value = Serialize(document.Body);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return etag;
    }

    private static void AddKey(SqliteCommand command, string schoolId, string type, string id)
    {
        command.Parameters.AddWithValue("$s", schoolId);
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$i", id);
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    // The body as UTF-8 JSON bytes, bound as a BLOB and stored as TEXT through BodyAsText: a string would cost a
    // transcode to UTF-16 here and another back to UTF-8 when Microsoft.Data.Sqlite binds it.
    private static byte[] Serialize<T>(T body) => JsonSerializer.SerializeToUtf8Bytes(body, StorageJson.Options);

    /// <summary>Reads the body in <paramref name="ordinal"/> of the current row straight from SQLite's UTF-8 bytes.</summary>
    /// <remarks>SQLite hands a TEXT value of a UTF-8 database to <c>sqlite3_column_blob</c> unconverted; the span is
    /// valid only until the reader moves, so it is deserialized here and never kept.</remarks>
    private static T Deserialize<T>(SqliteDataReader reader, int ordinal, string type, string id) =>
        JsonSerializer.Deserialize<T>(raw.sqlite3_column_blob(reader.Handle, ordinal), StorageJson.Options)
        ?? throw new StorageException($"Document {type}/{id} has an empty body.");
}
