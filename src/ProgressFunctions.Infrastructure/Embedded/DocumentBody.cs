using System.Text.Json;
using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Ports;
using SQLitePCL;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>How a document's body is kept in the SQLite file: TEXT holding the UTF-8 of its camelCase JSON
/// (<see cref="StorageJson"/>), written and read as those bytes, never as a .NET string.</summary>
/// <remarks>
/// A string would be transcoded twice on each side: the serializer's UTF-8 to UTF-16 and Microsoft.Data.Sqlite's
/// binding back to UTF-8 when writing; SQLite's UTF-8 to UTF-16 and the deserializer's back to UTF-8 when reading.
/// The bytes are the same either way, so stores written as strings read unchanged.
/// </remarks>
internal static class DocumentBody
{
    /// <summary>The SQL expression for the body parameter <c>$b</c> (bound to <see cref="ToUtf8"/>'s bytes).</summary>
    /// <remarks>Microsoft.Data.Sqlite binds a byte array as a BLOB, and a BLOB stays a BLOB in a TEXT column; the cast
    /// makes it TEXT. SQLite reads a BLOB cast to TEXT as text in the database's encoding, unconverted, and this store's
    /// encoding is always UTF-8 (<see cref="SqliteDatabase.Open"/> refuses any other), so the bytes are stored as they are.</remarks>
    public const string Parameter = "CAST($b AS TEXT)";

    public static byte[] ToUtf8<T>(T body) => JsonSerializer.SerializeToUtf8Bytes(body, StorageJson.Options);

    /// <summary>Reads the body in column <paramref name="ordinal"/> of the reader's current row from SQLite's own bytes.</summary>
    /// <remarks>
    /// <see cref="SqliteDataReader.Handle"/> is Microsoft.Data.Sqlite's documented way to the native statement
    /// ("Interoperability"); its managed getters would copy each body into a new string or array first. SQLite gives a
    /// TEXT value of a UTF-8 database to <c>sqlite3_column_blob</c> unconverted. The span lives only until the reader
    /// moves on, so it is deserialized here and never kept (the serializer copies what it keeps).
    /// </remarks>
    /// <exception cref="JsonException">The body is not JSON of <typeparamref name="T"/>'s shape.</exception>
    /// <exception cref="StorageException">The body is JSON <c>null</c>.</exception>
    public static T Read<T>(SqliteDataReader reader, int ordinal, string type, string id) =>
        JsonSerializer.Deserialize<T>(raw.sqlite3_column_blob(reader.Handle, ordinal), StorageJson.Options)
        ?? throw new StorageException($"Document {type}/{id} has an empty body.");
}
