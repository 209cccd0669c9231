using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure;

namespace ProgressFunctions.Integration.Tests.Cost;

public enum DocumentOperation
{
    PointRead,
    Query,
    Write,
    Delete,
}

/// <summary>One call to the document store: what kind, which document type, how many documents and bytes of body.</summary>
/// <remarks><see cref="Bytes"/> is the body as stored (UTF-8 JSON, the stores' one shape), without the envelope each
/// store adds; <see cref="CostModel"/> adds the Cosmos DB envelope. A point read that finds nothing has 0 documents.</remarks>
public sealed record DocumentCall(DocumentOperation Operation, string Type, int Documents, long Bytes);

/// <summary>Passes every call to the store it wraps and records what went in and out, so that a job's document traffic can be counted.</summary>
/// <remarks>
/// Reads are sized by reading the stored body again (see <see cref="ListAsync{T}"/>); with <paramref name="sizeReads"/>
/// false they are not, so that the wrapped store sees exactly the job's own requests (their bytes then count 0).
/// </remarks>
internal sealed class MeteredDocuments(IDocumentStore inner, bool sizeReads = true) : IDocumentStore
{
    private readonly ConcurrentQueue<DocumentCall> _calls = new();

    public IReadOnlyList<DocumentCall> Calls => [.. _calls];

    public void Reset() => _calls.Clear();

    public async Task<Document<T>?> ReadAsync<T>(string schoolId, string type, string id, CancellationToken cancellationToken = default)
    {
        var document = await inner.ReadAsync<T>(schoolId, type, id, cancellationToken);
        var stored = document is null || !sizeReads ? null : await inner.ReadAsync<JsonElement>(schoolId, type, id, cancellationToken);
        _calls.Enqueue(new DocumentCall(DocumentOperation.PointRead, type, document is null ? 0 : 1, stored is null ? 0 : SizeOf(stored.Body)));
        return document;
    }

    public async Task<string> UpsertAsync<T>(Document<T> document, CancellationToken cancellationToken = default)
    {
        var etag = await inner.UpsertAsync(document, cancellationToken);
        RecordWrite(document.Type, document.Body);
        return etag;
    }

    public async Task<CreateResult> CreateIfAbsentAsync<T>(Document<T> document, CancellationToken cancellationToken = default)
    {
        var result = await inner.CreateIfAbsentAsync(document, cancellationToken);
        RecordWrite(document.Type, document.Body);
        return result;
    }

    public async Task<ReplaceResult> ReplaceAsync<T>(Document<T> document, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        var result = await inner.ReplaceAsync(document, ifMatchETag, cancellationToken);
        RecordWrite(document.Type, document.Body);
        return result;
    }

    public async Task<bool> DeleteAsync(string schoolId, string type, string id, CancellationToken cancellationToken = default)
    {
        var deleted = await inner.DeleteAsync(schoolId, type, id, cancellationToken);
        _calls.Enqueue(new DocumentCall(DocumentOperation.Delete, type, deleted ? 1 : 0, 0));
        return deleted;
    }

    /// <remarks>
    /// The bytes are the stored bodies', read again whole: a job may read a document as a smaller shape (the check reads
    /// progress documents as <see cref="ProgressFunctions.Core.Jobs.Stored.PupilInterventions"/>), but the store still reads, and Cosmos DB charges for,
    /// every byte of it.
    /// </remarks>
    public async IAsyncEnumerable<Document<T>> ListAsync<T>(string schoolId, string type, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (documents, ids) = (0, new HashSet<string>(StringComparer.Ordinal));
        try
        {
            await foreach (var document in inner.ListAsync<T>(schoolId, type, cancellationToken))
            {
                documents++;
                ids.Add(document.Id);
                yield return document;
            }
        }
        finally
        {
            var bytes = 0L;
            await foreach (var stored in sizeReads ? inner.ListAsync<JsonElement>(schoolId, type, CancellationToken.None) : AsyncEnumerable.Empty<Document<JsonElement>>())
            {
                bytes += ids.Contains(stored.Id) ? SizeOf(stored.Body) : 0;
            }

            _calls.Enqueue(new DocumentCall(DocumentOperation.Query, type, documents, bytes));
        }
    }

    public async Task BulkUpsertAsync<T>(IEnumerable<Document<T>> documents, CancellationToken cancellationToken = default)
    {
        var list = documents.ToList();
        await inner.BulkUpsertAsync(list, cancellationToken);
        list.ForEach(d => RecordWrite(d.Type, d.Body));
    }

    public async Task CommitAsync(string schoolId, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        await inner.CommitAsync(schoolId, writes, cancellationToken);
        foreach (var write in writes)
        {
            RecordWrite(write.Type, write.Body);
        }
    }

    private void RecordWrite<T>(string type, T body) => _calls.Enqueue(new DocumentCall(DocumentOperation.Write, type, 1, SizeOf(body)));

    private static long SizeOf<T>(T body) =>
        body is null ? 4 : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), StorageJson.Options).LongLength;
}
