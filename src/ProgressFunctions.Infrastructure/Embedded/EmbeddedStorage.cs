using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>The embedded adapter set over one data folder: <c>progress.db</c> (documents, queues) and <c>blobs/</c>.</summary>
public sealed class EmbeddedStorage
{
    public const string DatabaseFileName = "progress.db";

    private readonly SqliteDatabase _database;
    private readonly FileBlobStore _blobs;

    private EmbeddedStorage(string dataDirectory, TimeProvider time, bool create)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        var path = Path.Combine(DataDirectory, DatabaseFileName);
        Created = !File.Exists(path);
        if (Created && !create)
        {
            throw new StoreUnavailableException($"there is no store in {DataDirectory} (no {DatabaseFileName}): pass --data with the folder that holds it, or run 'progress ingest' to start one");
        }

        Directory.CreateDirectory(DataDirectory);
        if (Created)
        {
            // Another process starting the same store at the same moment may have put its own in place first.
            Created = SqliteDatabase.CreateIfAbsent(path);
        }

        SqliteDatabase.CheckFile(path);
        SqliteDatabase database;
        try
        {
            database = SqliteDatabase.Open(path);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (Damaged(e, DataDirectory) is { } damaged)
        {
            throw damaged;
        }

        _database = database;
        var documents = new SqliteDocumentStore(database);
        Documents = documents;
        Cost = documents;
        Queue = new SqliteMessageQueue(database, time);
        _blobs = new FileBlobStore(DataDirectory);
        Blobs = _blobs;
    }

    public string DataDirectory { get; }

    /// <summary>True when this open created the store (the folder had none).</summary>
    public bool Created { get; }

    public IDocumentStore Documents { get; }

    public IBlobStore Blobs { get; }

    public IMessageQueue Queue { get; }

    /// <summary>The file under <c>&lt;data&gt;/blobs/</c> that holds a blob, for telling a person where to look.</summary>
    public string BlobFile(BlobPath path) => _blobs.FileOf(path);

    public IStorageCost Cost { get; }

    /// <summary>Opens the store in <paramref name="dataDirectory"/> (default <c>./data</c>), creating it only when <paramref name="create"/>.</summary>
    /// <remarks>A store file that is empty, truncated or not SQLite is never replaced: it stops here.</remarks>
    /// <exception cref="StoreUnavailableException">No store and not <paramref name="create"/>, or the file is not a usable store.</exception>
    public static EmbeddedStorage Open(string? dataDirectory = null, TimeProvider? time = null, bool create = true) =>
        new(dataDirectory ?? "data", time ?? TimeProvider.System, create);

    /// <summary>The error a person should see for <paramref name="error"/>: when SQLite found the store in <paramref name="dataDirectory"/> damaged part way through a command, which file and what to do; otherwise null.</summary>
    /// <remarks>Opening a damaged store says so already (<see cref="Open"/>); damage deeper in the file shows only when a command reads that far.</remarks>
    public static StoreUnavailableException? Damaged(Exception error, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(error);
        var inner = error;
        while (inner is AggregateException { InnerException: { } next })
        {
            inner = next;
        }

        return inner is Microsoft.Data.Sqlite.SqliteException sqlite && SqliteDatabase.IsDamage(sqlite)
            ? new StoreUnavailableException(SqliteDatabase.Damaged(Path.Combine(dataDirectory, DatabaseFileName), sqlite.Message.TrimEnd('.')), error)
            : null;
    }

    /// <summary>SQLite's own check of the whole file (<c>PRAGMA quick_check</c>): seconds for a large store, so run where that is acceptable (once per run-due).</summary>
    /// <exception cref="StoreUnavailableException">The file is damaged.</exception>
    public void CheckIntegrity() => _database.QuickCheck();
}
