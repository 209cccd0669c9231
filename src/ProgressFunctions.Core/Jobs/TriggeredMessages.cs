using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Core.Jobs;

/// <summary>Reads the body of a message that a queue trigger (the Functions host) delivered.</summary>
public static class TriggeredMessages
{
    /// <summary>How much of a malformed body is kept in the poison record, so the record always fits in a message.</summary>
    public const int MaxPoisonedBodyChars = 8 * 1024;

    /// <summary>The message; or, for a malformed one, <see langword="null"/> after recording it in
    /// <c>&lt;queue&gt;-poison</c> as a <see cref="PoisonMessage"/> with the reason.</summary>
    /// <remarks>
    /// A malformed body cannot succeed on a retry, so it is not thrown back to the host (which would try it
    /// maxDequeueCount times first): it is poisoned at once and the caller returns normally, which completes it.
    /// Failures of the job itself are thrown and retried as usual.
    /// </remarks>
    public static async Task<T?> ReadOrPoisonAsync<T>(
        IMessageQueue queue, string queueName, string messageId, long dequeueCount, string body, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(body);
        var (message, error) = QueueMessages.Read<T>(body);
        if (message is not null && error is null)
        {
            return message;
        }

        string poison = QueueNames.Poison(queueName);
        string kept = body.Length <= MaxPoisonedBodyChars ? body : body[..MaxPoisonedBodyChars];
        var record = new PoisonMessage(queueName, messageId, (int)Math.Min(dequeueCount, int.MaxValue), error ?? $"unreadable {typeof(T).Name}", kept);
        await queue.CreateIfMissingAsync(poison, cancellationToken);
        await queue.SendAsync(poison, record.ToJson(), cancellationToken);
        return null;
    }
}
