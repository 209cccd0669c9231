using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Integration.Tests.Cost;

/// <summary>Counts of calls to the blob and queue ports by operation name ("blob.put", "queue.send"...).</summary>
/// <remarks>One port call is one Azure Storage transaction in the adapters, except a blob list, which is one per
/// page of up to 5,000 names (none of the jobs measured here lists more than a page).</remarks>
internal sealed class TransactionCounts
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    public int Total(string prefix) => _counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);

    public void Add(string operation, int count = 1) => _counts.AddOrUpdate(operation, count, (_, n) => n + count);

    public void Reset() => _counts.Clear();
}

internal sealed class MeteredBlobs(IBlobStore inner, TransactionCounts counts) : IBlobStore
{
    public Task<bool> PutAsync(BlobPath path, Stream content, string contentType, bool onlyIfAbsent = false, CancellationToken cancellationToken = default)
    {
        counts.Add("blob.put");
        return inner.PutAsync(path, content, contentType, onlyIfAbsent, cancellationToken);
    }

    public Task<Stream?> OpenReadAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        counts.Add("blob.read");
        return inner.OpenReadAsync(path, cancellationToken);
    }

    public async IAsyncEnumerable<BlobItem> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        counts.Add("blob.list");
        await foreach (var item in inner.ListAsync(prefix, cancellationToken))
        {
            yield return item;
        }
    }

    public Task<bool> DeleteAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        counts.Add("blob.delete");
        return inner.DeleteAsync(path, cancellationToken);
    }

    public Task<bool> ExistsAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        counts.Add("blob.exists");
        return inner.ExistsAsync(path, cancellationToken);
    }
}

internal sealed class MeteredQueue(IMessageQueue inner, TransactionCounts counts) : IMessageQueue
{
    public Task CreateIfMissingAsync(string queue, CancellationToken cancellationToken = default)
    {
        counts.Add("queue.create");
        return inner.CreateIfMissingAsync(queue, cancellationToken);
    }

    public Task SendAsync(string queue, string body, CancellationToken cancellationToken = default)
    {
        counts.Add("queue.send");
        return inner.SendAsync(queue, body, cancellationToken);
    }

    public Task SendLaterAsync(string queue, string body, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        counts.Add("queue.send");
        return inner.SendLaterAsync(queue, body, delay, cancellationToken);
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        counts.Add("queue.receive");
        return inner.ReceiveAsync(queue, maxMessages, visibilityTimeout, cancellationToken);
    }

    public Task<bool> CompleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        counts.Add("queue.delete");
        return inner.CompleteAsync(queue, message, cancellationToken);
    }

    public Task<bool> AbandonAsync(string queue, QueueMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        counts.Add("queue.update");
        return inner.AbandonAsync(queue, message, retryAfter, cancellationToken);
    }

    public Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        counts.Add("queue.properties");
        return inner.CountAsync(queue, cancellationToken);
    }
}
