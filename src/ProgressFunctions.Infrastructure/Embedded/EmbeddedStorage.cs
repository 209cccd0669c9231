using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>The embedded adapter set over one data folder: <c>progress.db</c> (documents, queues) and <c>blobs/</c>.</summary>
public sealed class EmbeddedStorage
{
    public const string DatabaseFileName = "progress.db";

    private EmbeddedStorage(string dataDirectory, TimeProvider time)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(DataDirectory);
        var database = SqliteDatabase.Open(Path.Combine(DataDirectory, DatabaseFileName));
        var documents = new SqliteDocumentStore(database);
        Documents = documents;
        Cost = documents;
        Queue = new SqliteMessageQueue(database, time);
        Blobs = new FileBlobStore(DataDirectory);
    }

    public string DataDirectory { get; }

    public IDocumentStore Documents { get; }

    public IBlobStore Blobs { get; }

    public IMessageQueue Queue { get; }

    public IStorageCost Cost { get; }

    /// <summary>Opens (creating if needed) the store in <paramref name="dataDirectory"/>; default <c>./data</c>.</summary>
    public static EmbeddedStorage Open(string? dataDirectory = null, TimeProvider? time = null) =>
        new(dataDirectory ?? "data", time ?? TimeProvider.System);
}
