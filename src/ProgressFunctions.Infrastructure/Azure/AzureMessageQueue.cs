using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Storage.Queues;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Queue Storage through Azure.Storage.Queues.</summary>
/// <remarks>The service client is configured with <see cref="AzureStorage.QueueOptions"/>: message text is the base64
/// of the UTF-8 body, which the Functions queue trigger and Microsoft's SDKs with base64 encoding read and write.</remarks>
internal sealed class AzureMessageQueue(QueueServiceClient service) : IMessageQueue
{
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new(StringComparer.Ordinal);

    public async Task CreateIfMissingAsync(string queue, CancellationToken cancellationToken = default)
    {
        try
        {
            await Client(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Create Queue", $"queue '{queue}'");
        }
    }

    public Task SendAsync(string queue, string body, CancellationToken cancellationToken = default) =>
        SendLaterAsync(queue, body, TimeSpan.Zero, cancellationToken);

    public async Task SendLaterAsync(string queue, string body, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Encoding.UTF8.GetByteCount(body) > IMessageQueue.MaxBodyBytes)
        {
            throw new ArgumentException($"A message body for queue '{queue}' may be at most {IMessageQueue.MaxBodyBytes} UTF-8 bytes.", nameof(body));
        }

        try
        {
            await Client(queue).SendMessageAsync(body, visibilityTimeout: delay > TimeSpan.Zero ? delay : null, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Put Message", $"queue '{queue}'");
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, TimeSpan.FromDays(7));
        try
        {
            var received = await Client(queue).ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
            return [.. received.Value.Select(m => new QueueMessage(
                m.MessageId, m.PopReceipt, (int)Math.Min(m.DequeueCount, int.MaxValue), m.Body.ToString(), m.InsertedOn ?? DateTimeOffset.MinValue))];
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Get Messages", $"queue '{queue}'");
        }
    }

    public async Task<bool> CompleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await Client(queue).DeleteMessageAsync(message.Id, message.Receipt, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (IsStaleReceipt(ex))
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Delete Message", $"queue '{queue}'");
        }
    }

    public async Task<bool> AbandonAsync(string queue, QueueMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        try
        {
            // No new text: only the visibility changes, and the body stays as it was.
            await Client(queue).UpdateMessageAsync(message.Id, message.Receipt, (BinaryData?)null, retryAfter, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (IsStaleReceipt(ex))
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Update Message", $"queue '{queue}'");
        }
    }

    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await Client(queue).GetPropertiesAsync(cancellationToken);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Get Queue Metadata", $"queue '{queue}'");
        }
    }

    private static bool IsStaleReceipt(RequestFailedException ex) =>
        ex.Status is 404 or 400 && ex.ErrorCode is "MessageNotFound" or "PopReceiptMismatch";

    private QueueClient Client(string queue) => _queues.GetOrAdd(QueueNames.Validate(queue), service.GetQueueClient);
}
