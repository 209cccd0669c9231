using System.Runtime.CompilerServices;
using ProgressFunctions.Core.Jobs.Stored;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Integration.Tests.Integrity;

/// <summary>A document store that holds each reader of a school's pupils until a second reader arrives (or a timeout), so two jobs that could interleave do.</summary>
/// <remarks>Without it, two ingests started together may happen not to overlap, and a lost update would go unseen.</remarks>
internal sealed class RendezvousDocuments(IDocumentStore inner, TimeSpan wait) : IDocumentStore
{
    private readonly SemaphoreSlim _arrived = new(0);

    public async IAsyncEnumerable<Document<T>> ListAsync<T>(string schoolId, string type, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (type == DocumentTypes.Pupil)
        {
            _arrived.Release();
            await Task.Delay(50, cancellationToken);
            if (await _arrived.WaitAsync(wait, cancellationToken))
            {
                _arrived.Release();
            }
        }

        await foreach (var document in inner.ListAsync<T>(schoolId, type, cancellationToken))
        {
            yield return document;
        }
    }

    public Task<Document<T>?> ReadAsync<T>(string schoolId, string type, string id, CancellationToken cancellationToken = default) => inner.ReadAsync<T>(schoolId, type, id, cancellationToken);

    public Task<string> UpsertAsync<T>(Document<T> document, CancellationToken cancellationToken = default) => inner.UpsertAsync(document, cancellationToken);

    public Task<CreateResult> CreateIfAbsentAsync<T>(Document<T> document, CancellationToken cancellationToken = default) => inner.CreateIfAbsentAsync(document, cancellationToken);

    public Task<ReplaceResult> ReplaceAsync<T>(Document<T> document, string ifMatchETag, CancellationToken cancellationToken = default) => inner.ReplaceAsync(document, ifMatchETag, cancellationToken);

    public Task<bool> DeleteAsync(string schoolId, string type, string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(schoolId, type, id, cancellationToken);

    public Task BulkUpsertAsync<T>(IEnumerable<Document<T>> documents, CancellationToken cancellationToken = default) => inner.BulkUpsertAsync(documents, cancellationToken);

    public Task CommitAsync(string schoolId, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) => inner.CommitAsync(schoolId, writes, cancellationToken);
}
