namespace ProgressFunctions.Core.Ports;

/// <summary>A received message: hidden from other receivers until its visibility timeout ends.</summary>
/// <remarks><see cref="Receipt"/> (Azure's pop receipt) proves this receiver still holds the message; it changes on
/// every receive. <see cref="DequeueCount"/> counts deliveries, including this one.</remarks>
public sealed record QueueMessage(string Id, string Receipt, int DequeueCount, string Body, DateTimeOffset InsertedAt);

/// <summary>Named work queues with at-least-once delivery.</summary>
/// <remarks>
/// A message is delivered at least once: if its receiver neither completes nor abandons it before the visibility
/// timeout, it becomes visible again and is delivered again with a higher dequeue count. Handlers must therefore be
/// idempotent (see <see cref="IDocumentStore.CreateIfAbsentAsync{T}"/>). Order is roughly first in, first out but
/// not guaranteed. Queue names are 3 to 63 lowercase letters, digits and single hyphens; bodies are UTF-8 text of at
/// most <see cref="MaxBodyBytes"/> bytes. Sending to a queue that does not exist throws <see cref="StorageException"/>.
/// </remarks>
public interface IMessageQueue
{
    /// <summary>The largest body, in UTF-8 bytes, that fits once base64-encoded into Azure's 64 KiB message.</summary>
    const int MaxBodyBytes = 48 * 1024;

    Task CreateIfMissingAsync(string queue, CancellationToken cancellationToken = default);

    Task SendAsync(string queue, string body, CancellationToken cancellationToken = default);

    /// <summary>Sends a message that stays hidden for <paramref name="delay"/> (up to 7 days) before it can be received.</summary>
    Task SendLaterAsync(string queue, string body, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Receives up to <paramref name="maxMessages"/> (1 to 32) visible messages and hides them for
    /// <paramref name="visibilityTimeout"/> (1 second to 7 days). An empty list when none is visible.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message. <see langword="false"/> when the receipt is no longer valid (the
    /// timeout passed and someone else received it, or it was already completed).</summary>
    Task<bool> CompleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Gives a received message back: it becomes visible again after <paramref name="retryAfter"/>
    /// (zero for at once). <see langword="false"/> when the receipt is no longer valid.</summary>
    Task<bool> AbandonAsync(string queue, QueueMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default);

    /// <summary>How many messages are in the queue, visible or not (approximate on Azure).</summary>
    Task<int> CountAsync(string queue, CancellationToken cancellationToken = default);
}

/// <summary>Queue name rules shared by every adapter.</summary>
public static class QueueNames
{
    public const string PoisonSuffix = "-poison";

    public static string Poison(string queue) => Validate(queue) + PoisonSuffix;

    public static string Validate(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        bool ok = queue.Length is >= 3 and <= 63
            && queue.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && queue[0] != '-' && queue[^1] != '-' && !queue.Contains("--", StringComparison.Ordinal);
        return ok
            ? queue
            : throw new ArgumentException($"Queue name '{queue}' must be 3 to 63 lowercase letters, digits and single hyphens.", nameof(queue));
    }
}
