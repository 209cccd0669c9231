using System.Text;
using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Ports;
using SQLitePCL;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>The documents table's upsert: one prepared SQLite statement, bound and run through SQLite's own API.</summary>
/// <remarks>
/// Microsoft.Data.Sqlite's command makes, for every row, a binder object per parameter, a UTF-8 array per text value,
/// a data reader and a task. An import writes thousands of rows in one transaction and a trust hundreds of thousands:
/// those were a fifth of what an import allocated beside the bodies themselves. The statement runs on the given
/// connection, inside whatever transaction it has open (<see cref="SqliteConnection.Handle"/> is Microsoft.Data.Sqlite's
/// documented way to the native connection). The body is bound as a BLOB and cast to TEXT by <see cref="DocumentBody.Parameter"/>,
/// as the command did with a byte array. Errors are thrown as Microsoft.Data.Sqlite throws them.
/// </remarks>
internal sealed class DocumentUpsert : IDisposable
{
    private const int MaxStackBytes = 512;

    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;

    public DocumentUpsert(SqliteConnection connection)
    {
        _connection = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(
            _connection,
            $"""
            INSERT INTO documents (school_id, type, id, etag, body) VALUES ($s, $t, $i, $e, {DocumentBody.Parameter})
            ON CONFLICT (school_id, type, id) DO UPDATE SET etag = excluded.etag, body = excluded.body
            """,
            out _statement));
        _indexes = [.. new[] { "$s", "$t", "$i", "$e", "$b" }.Select(name => raw.sqlite3_bind_parameter_index(_statement, name))];
    }

    /// <summary>Writes the document's row with <paramref name="etag"/>, replacing any row of the same key.</summary>
    public void Write(DocumentKey key, string etag, ReadOnlySpan<byte> body)
    {
        try
        {
            Text(_indexes[0], key.SchoolId);
            Text(_indexes[1], key.Type);
            Text(_indexes[2], key.Id);
            Text(_indexes[3], etag);
            Check(raw.sqlite3_bind_blob(_statement, _indexes[4], body));
            var step = raw.sqlite3_step(_statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Text(int index, string value)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> utf8 = most <= MaxStackBytes ? stackalloc byte[MaxStackBytes] : new byte[most];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        Check(raw.sqlite3_bind_text(_statement, index, utf8[..length]));
    }

    private void Check(int code) => SqliteException.ThrowExceptionForRC(code, _connection);
}
