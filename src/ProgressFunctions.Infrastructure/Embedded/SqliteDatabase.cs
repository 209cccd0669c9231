using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>The embedded store's SQLite file: documents and queue messages, shared safely by several processes.</summary>
/// <remarks>
/// WAL journal: readers never block the writer and a process killed mid-write leaves the last committed state
/// (SQLite replays or discards the WAL on next open). <c>synchronous=NORMAL</c> keeps commits durable across a crash
/// of the process; only a power loss may drop the last commits, never corrupt the file. Writers in other processes
/// wait for the lock (busy timeout) instead of failing. Connections are pooled by Microsoft.Data.Sqlite.
/// </remarks>
internal sealed partial class SqliteDatabase
{
    /// <summary>The layout this version writes, recorded in <c>PRAGMA user_version</c>.</summary>
    /// <remarks>
    /// 0: <c>documents</c> was <c>WITHOUT ROWID</c>, every body inline in the primary-key b-tree, so a key lookup walked
    /// past the overflow pages of its neighbours' large bodies (snapshot parts run to hundreds of KB).
    /// 1: <c>documents</c> is a rowid table: the key lives in its own small index and a lookup reads the index, then the
    /// one row it names.
    /// </remarks>
    internal const int SchemaVersion = 1;

    // SQLite's primary result codes for a damaged file and for a file that is not a database.
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    // errno EEXIST, the same on Linux and macOS.
    private const int FileExists = 17;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS documents (
            school_id TEXT NOT NULL,
            type TEXT NOT NULL,
            id TEXT NOT NULL,
            etag TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (school_id, type, id)
        );
        CREATE TABLE IF NOT EXISTS queues (name TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            queue TEXT NOT NULL,
            id TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            inserted_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            dequeue_count INTEGER NOT NULL DEFAULT 0,
            receipt TEXT
        );
        CREATE INDEX IF NOT EXISTS messages_visible ON messages (queue, visible_at, seq);
        """;

    // Version 0 to 1: copy the documents into a rowid table inside the schema transaction, so a store is either
    // migrated whole or left as it was; a second process opening at the same time waits for the lock and finds it done.
    private const string MigrateToRowid = """
        CREATE TABLE documents_v1 (
            school_id TEXT NOT NULL,
            type TEXT NOT NULL,
            id TEXT NOT NULL,
            etag TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (school_id, type, id)
        );
        INSERT INTO documents_v1 (school_id, type, id, etag, body) SELECT school_id, type, id, etag, body FROM documents ORDER BY school_id, type, id;
        DROP TABLE documents;
        ALTER TABLE documents_v1 RENAME TO documents;
        """;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> s_configured = [];
    private static readonly object s_done = new();
    private readonly string _connectionString;

    private SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // Created whole by CreateIfAbsent, never here: a store deleted while open is an error, not a new empty store.
            Mode = SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens (creating if needed) the database file and its schema.</summary>
    public static SqliteDatabase Open(string path)
    {
        string? directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        if (!File.Exists(path))
        {
            CreateIfAbsent(path);
        }

        var database = new SqliteDatabase(path);
        using var connection = database.Connect();
        CheckEncoding(connection, path);
        using (var wal = connection.CreateCommand())
        {
            // Setting WAL needs a moment of exclusive access; the busy timeout covers a second process opening too.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using var schema = connection.CreateCommand();
        schema.Transaction = transaction;
        schema.CommandText = Schema;
        schema.ExecuteNonQuery();
        Migrate(connection, transaction);
        transaction.Commit();
        return database;
    }

    /// <summary>Brings a store written by an earlier version to <see cref="SchemaVersion"/>; refuses one written by a later version.</summary>
    private static void Migrate(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var version = Command(connection, "PRAGMA user_version;", transaction);
        var found = Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (found > SchemaVersion)
        {
            throw new StoreUnavailableException($"the store was written by a newer version of ProgressFunctions (layout {found}; this one reads up to {SchemaVersion}): upgrade before opening it");
        }

        if (found == SchemaVersion)
        {
            return;
        }

        using (var layout = Command(connection, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'documents';", transaction))
        {
            if (layout.ExecuteScalar() is string sql && sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase))
            {
                using var migrate = Command(connection, MigrateToRowid, transaction);
                migrate.ExecuteNonQuery();
            }
        }

        using var stamp = Command(connection, $"PRAGMA user_version = {SchemaVersion};", transaction);
        stamp.ExecuteNonQuery();
    }

    /// <summary>Refuses a store whose text is not UTF-8: documents are read and written as UTF-8 bytes.</summary>
    /// <remarks>Every store this code creates is UTF-8 (SQLite's default); another encoding can only come from a file made elsewhere.</remarks>
    private static void CheckEncoding(SqliteConnection connection, string path)
    {
        using var encoding = Command(connection, "PRAGMA encoding;");
        var found = encoding.ExecuteScalar() as string;
        if (found != "UTF-8")
        {
            throw new StoreUnavailableException($"the store {path} keeps its text as {found}, not UTF-8: it was not made by ProgressFunctions (it was left as it is)");
        }
    }

    /// <summary>Refuses a store file that exists but cannot be a SQLite database: empty (0 bytes), or without SQLite's header.</summary>
    /// <remarks>Opening such a file would make SQLite start a new, empty database in its place and every school's data would seem gone.</remarks>
    public static void CheckFile(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var header = new byte[16];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read == 0)
        {
            throw new StoreUnavailableException($"the store {path} is empty (0 bytes): it was truncated or replaced; restore it from a backup (it was left as it is)");
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual("SQLite format 3\0"u8))
        {
            throw new StoreUnavailableException($"the store {path} is not a SQLite database (it may be damaged or another file): restore it from a backup (it was left as it is)");
        }
    }

    /// <summary>Runs <c>PRAGMA quick_check</c>; throws naming the first problem when it is not "ok".</summary>
    public void QuickCheck()
    {
        using var connection = Connect();
        using var command = Command(connection, "PRAGMA quick_check(1);");
        var answer = command.ExecuteScalar() as string;
        if (answer != "ok")
        {
            throw new StoreUnavailableException(Damaged(Path, $"it failed SQLite's integrity check: {answer}"));
        }
    }

    /// <summary>What to tell a person whose store file SQLite finds damaged: which file, and what to do.</summary>
    internal static string Damaged(string path, string detail) =>
        $"the store {System.IO.Path.GetFullPath(path)} is damaged ({detail}) and was left as it is: restore its folder from a backup "
        + "(docs/configuration.md, \"Backing up the embedded store\") and run the command again";

    /// <summary>Whether <paramref name="error"/> is SQLite saying the file is damaged or not a database (SQLITE_CORRUPT, SQLITE_NOTADB).</summary>
    internal static bool IsDamage(SqliteException error) => (error.SqliteErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase;

    /// <summary>An open connection with the per-connection settings applied. Dispose it (it returns to the pool).</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();

        // The settings belong to the native connection, which the pool keeps open between uses: set them once per
        // native connection, not on every use (that statement was a quarter of a ledger operation).
        if (!s_configured.TryGetValue(connection.Handle!, out _))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            command.ExecuteNonQuery();
            s_configured.AddOrUpdate(connection.Handle!, s_done);
        }

        return connection;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
