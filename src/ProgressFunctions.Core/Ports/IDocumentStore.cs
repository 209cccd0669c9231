namespace ProgressFunctions.Core.Ports;

/// <summary>Typed JSON documents partitioned by school.</summary>
/// <remarks>
/// Bodies are serialised with System.Text.Json, camelCase. Every operation is scoped to one school (one partition),
/// so no call ever fans out across schools. Writes of one document are atomic: a reader sees the old or the new
/// body, never a mixture.
/// </remarks>
public interface IDocumentStore
{
    /// <summary>Point read; <see langword="null"/> when there is no such document.</summary>
    Task<Document<T>?> ReadAsync<T>(string schoolId, string type, string id, CancellationToken cancellationToken = default);

    /// <summary>Writes the document whether or not it exists, and returns its new ETag.</summary>
    Task<string> UpsertAsync<T>(Document<T> document, CancellationToken cancellationToken = default);

    /// <summary>Writes the document only if no document has its key.</summary>
    /// <remarks>
    /// Exactly one of any number of concurrent callers with the same key gets <see cref="CreateOutcome.Created"/>;
    /// every other gets <see cref="CreateOutcome.AlreadyExisted"/> and the stored document is not changed. Jobs use
    /// this as their idempotency claim: a retried job that finds its claim already existed does nothing twice.
    /// </remarks>
    Task<CreateResult> CreateIfAbsentAsync<T>(Document<T> document, CancellationToken cancellationToken = default);

    /// <summary>Replaces the document only if its stored ETag is still <paramref name="ifMatchETag"/>.</summary>
    /// <remarks>Of two writers holding the same ETag, one gets <see cref="ReplaceOutcome.Replaced"/> and the other
    /// <see cref="ReplaceOutcome.ETagConflict"/>; the loser re-reads and decides again.</remarks>
    Task<ReplaceResult> ReplaceAsync<T>(Document<T> document, string ifMatchETag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document; <see langword="false"/> when it did not exist.</summary>
    Task<bool> DeleteAsync(string schoolId, string type, string id, CancellationToken cancellationToken = default);

    /// <summary>Every document of <paramref name="type"/> in the school, streamed page by page in id order
    /// (embedded) or service order (Azure); never loaded all at once.</summary>
    IAsyncEnumerable<Document<T>> ListAsync<T>(string schoolId, string type, CancellationToken cancellationToken = default);

    /// <summary>Upserts many documents as fast as the store allows.</summary>
    /// <remarks>Not atomic as a whole: if it fails part-way, some documents are written and a retry upserts them
    /// again with the same result, so callers simply retry.</remarks>
    Task BulkUpsertAsync<T>(IEnumerable<Document<T>> documents, CancellationToken cancellationToken = default);

    /// <summary>Writes (upserts) every document, of any types, to one school's partition as one unit.</summary>
    /// <remarks>
    /// Every key is validated before anything is written. The embedded store commits all in one transaction: all or
    /// nothing. Cosmos DB commits at most 100 items atomically, so there the writes go in order, and a failure after
    /// the first write is thrown as <see cref="PartialCommitException"/>; any other exception means nothing was
    /// written. Callers that need readers never to see half a commit guard it (ingest holds the school's import lock
    /// and writes the lock's release as the last document of the commit).
    /// </remarks>
    Task CommitAsync(string schoolId, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default);
}

/// <summary>One document of a <see cref="IDocumentStore.CommitAsync"/>: any body type, serialised by its runtime type.</summary>
public sealed record DocumentWrite(string Type, string Id, object Body)
{
    public static DocumentWrite Of<T>(string type, string id, T body)
        where T : notnull => new(type, id, body);
}

/// <summary>A commit failed after some of its documents were written (only on stores that cannot commit atomically).</summary>
public sealed class PartialCommitException : StorageException
{
    public PartialCommitException()
    {
    }

    public PartialCommitException(string message)
        : base(message)
    {
    }

    public PartialCommitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartialCommitException(int written, int total, Exception innerException)
        : base($"{written} of {total} documents were written before the commit failed: {innerException.Message}", innerException)
    {
    }
}
