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
internal sealed class MeteredDocuments(IDocumentStore inner) : IDocumentStore
{
    private readonly ConcurrentQueue<DocumentCall> _calls = new();

    public IReadOnlyList<DocumentCall> Calls => [.. _calls];

    public void Reset() => _calls.Clear();

    public async Task<Document<T>?> ReadAsync<T>(string schoolId, string type, string id, CancellationToken cancellationToken = default)
    {
        var document = await inner.ReadAsync<T>(schoolId, type, id, cancellationToken);
        _calls.Enqueue(new DocumentCall(DocumentOperation.PointRead, type, document is null ? 0 : 1, document is null ? 0 : SizeOf(document.Body)));
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

    public async IAsyncEnumerable<Document<T>> ListAsync<T>(string schoolId, string type, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (documents, bytes) = (0, 0L);
        try
        {
            await foreach (var document in inner.ListAsync<T>(schoolId, type, cancellationToken))
            {
                documents++;
                bytes += SizeOf(document.Body);
                yield return document;
            }
        }
        finally
        {
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
