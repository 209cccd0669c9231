using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Azure.Cosmos;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Documents in one Cosmos DB container partitioned by <c>/schoolId</c>.</summary>
/// <remarks>
/// Every call names its partition: reads are point reads (1 RU per KB), the one query filters on <c>schoolId</c> and
/// <c>type</c> with the partition key set, so nothing fans out. The request charge of every response (and of failed
/// requests) is added to <see cref="RequestCharge"/>. Bulk upserts issue all writes at once; with
/// <c>AllowBulkExecution</c> on the client the SDK packs them into batches per partition.
/// </remarks>
internal sealed class CosmosDocumentStore(Container container, bool readMissingByQuery = false) : IDocumentStore, IStorageCost
{
    private const string ListQuery = "SELECT * FROM c WHERE c.schoolId = @schoolId AND c.type = @type";
    private const string ReadQuery = "SELECT * FROM c WHERE c.schoolId = @schoolId AND c.type = @type AND c.id = @id";
    private readonly RequestChargeMeter _meter = new();

    public double RequestCharge => _meter.Total;

    public async Task<Document<T>?> ReadAsync<T>(string schoolId, string type, string id, CancellationToken cancellationToken = default)
    {
        new DocumentKey(schoolId, type, id).Validate();
        if (readMissingByQuery)
        {
            return await ReadByQueryAsync<T>(schoolId, type, id, cancellationToken);
        }

        try
        {
            var response = await container.ReadItemAsync<CosmosItem<T>>(
                CosmosItem<T>.ItemId(type, id), new PartitionKey(schoolId), cancellationToken: cancellationToken);
            _meter.Add(response.RequestCharge);
            return ToDocument(response.Resource, response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            _meter.Add(ex.RequestCharge);
            return null;
        }
    }

    /// <summary>A read as a single-partition query, for servers that fail a point read of a missing item (see <see cref="CosmosSettings.ReadByQuery"/>).</summary>
    private async Task<Document<T>?> ReadByQueryAsync<T>(string schoolId, string type, string id, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition(ReadQuery).WithParameter("@schoolId", schoolId).WithParameter("@type", type).WithParameter("@id", CosmosItem<T>.ItemId(type, id));
        using var feed = container.GetItemQueryIterator<CosmosItem<T>>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(schoolId) });
        while (feed.HasMoreResults)
        {
            var page = await feed.ReadNextAsync(cancellationToken);
            _meter.Add(page.RequestCharge);
            if (page.FirstOrDefault() is { } item)
            {
                return ToDocument(item, item.ETag);
            }
        }

        return null;
    }

    public async Task<string> UpsertAsync<T>(Document<T> document, CancellationToken cancellationToken = default)
    {
        document.Key.Validate();
        var response = await Run(() => container.UpsertItemAsync(
            ToItem(document), new PartitionKey(document.SchoolId), NoContent, cancellationToken), document);
        return response.ETag;
    }

    public async Task<CreateResult> CreateIfAbsentAsync<T>(Document<T> document, CancellationToken cancellationToken = default)
    {
        document.Key.Validate();
        try
        {
            var response = await container.CreateItemAsync(
                ToItem(document), new PartitionKey(document.SchoolId), NoContent, cancellationToken);
            _meter.Add(response.RequestCharge);
            return new CreateResult(CreateOutcome.Created, response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            _meter.Add(ex.RequestCharge);
            var existing = await ReadAsync<System.Text.Json.JsonElement>(document.SchoolId, document.Type, document.Id, cancellationToken);
            return new CreateResult(CreateOutcome.AlreadyExisted, existing?.ETag);
        }
    }

    public async Task<ReplaceResult> ReplaceAsync<T>(Document<T> document, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        document.Key.Validate();
        ArgumentException.ThrowIfNullOrEmpty(ifMatchETag);
        try
        {
            var response = await container.ReplaceItemAsync(
                ToItem(document),
                CosmosItem<T>.ItemId(document.Type, document.Id),
                new PartitionKey(document.SchoolId),
                new ItemRequestOptions { IfMatchEtag = ifMatchETag, EnableContentResponseOnWrite = false },
                cancellationToken);
            _meter.Add(response.RequestCharge);
            return new ReplaceResult(ReplaceOutcome.Replaced, response.ETag);
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            _meter.Add(ex.RequestCharge);
            return new ReplaceResult(
                ex.StatusCode == HttpStatusCode.NotFound ? ReplaceOutcome.NotFound : ReplaceOutcome.ETagConflict, null);
        }
    }

    public async Task<bool> DeleteAsync(string schoolId, string type, string id, CancellationToken cancellationToken = default)
    {
        new DocumentKey(schoolId, type, id).Validate();
        using var response = await container.DeleteItemStreamAsync(
            CosmosItem<object>.ItemId(type, id), new PartitionKey(schoolId), cancellationToken: cancellationToken);
        _meter.Add(response.Headers.RequestCharge);
        return response.StatusCode switch
        {
            HttpStatusCode.NoContent or HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw Failure(response.StatusCode, response.ErrorMessage, $"document {schoolId}/{type}/{id}"),
        };
    }

    public async IAsyncEnumerable<Document<T>> ListAsync<T>(
        string schoolId, string type, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        new DocumentKey(schoolId, type, "-").Validate();
        var query = new QueryDefinition(ListQuery).WithParameter("@schoolId", schoolId).WithParameter("@type", type);
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(schoolId), MaxItemCount = 500 };
        using var feed = container.GetItemQueryIterator<CosmosItem<T>>(query, requestOptions: options);
        while (feed.HasMoreResults)
        {
            var page = await feed.ReadNextAsync(cancellationToken);
            _meter.Add(page.RequestCharge);
            foreach (var item in page)
            {
                yield return ToDocument(item, item.ETag);
            }
        }
    }

    public async Task BulkUpsertAsync<T>(IEnumerable<Document<T>> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);

        // Chunks bound the tasks in flight; within a chunk the SDK's bulk mode groups writes per partition.
        foreach (var chunk in documents.Chunk(1000))
        {
            foreach (var document in chunk)
            {
                document.Key.Validate();
            }

            await Task.WhenAll(chunk.Select(document => UpsertAsync(document, cancellationToken)));
        }
    }

    public async Task CommitAsync(string schoolId, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var documents = writes.Select(w => new Document<object>(schoolId, w.Type, w.Id, w.Body)).ToList();
        documents.ForEach(d => d.Key.Validate());
        if (documents.Count == 0)
        {
            return;
        }

        // The last document (the caller's completion marker) is written alone, after every other has landed. Writes
        // within a chunk run at once, so after any failure some may have landed: it is always a partial commit.
        var written = 0;
        try
        {
            foreach (var chunk in documents[..^1].Chunk(100))
            {
                await Task.WhenAll(chunk.Select(d => UpsertAsync(d, cancellationToken)));
                written += chunk.Length;
            }

            await UpsertAsync(documents[^1], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new PartialCommitException(written, documents.Count, e);
        }
    }

    private static ItemRequestOptions NoContent { get; } = new() { EnableContentResponseOnWrite = false };

    private async Task<ItemResponse<CosmosItem<T>>> Run<T>(Func<Task<ItemResponse<CosmosItem<T>>>> call, Document<T> document)
    {
        try
        {
            var response = await call();
            _meter.Add(response.RequestCharge);
            return response;
        }
        catch (CosmosException ex)
        {
            _meter.Add(ex.RequestCharge);
            throw Failure(ex.StatusCode, Answer(ex), $"document {document.SchoolId}/{document.Type}/{document.Id}", ex);
        }
    }

    // The SDK's message carries kilobytes of diagnostics; the service's own answer is what a reader needs.
    private static string Answer(CosmosException ex) =>
        ex.ResponseBody is { Length: > 0 } body ? body : ex.Message.Split(";;", 2)[0];

    private StorageException Failure(HttpStatusCode status, string? answer, string resource, Exception? inner = null) =>
        new(resource, (int)status, status.ToString(),
            $"Cosmos DB container '{container.Id}' failed on {resource}: {(int)status} {status} {answer}".TrimEnd(), inner);

    private static CosmosItem<T> ToItem<T>(Document<T> document) =>
        new(CosmosItem<T>.ItemId(document.Type, document.Id), document.SchoolId, document.Type, document.Id, document.Body);

    private static Document<T> ToDocument<T>(CosmosItem<T> item, string? etag) =>
        new(item.SchoolId, item.Type, item.Key, item.Body, etag ?? item.ETag);
}
