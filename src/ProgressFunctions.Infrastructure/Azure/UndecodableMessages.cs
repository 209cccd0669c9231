using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;
using ProgressFunctions.Core.Jobs;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>What happens to a received message whose text is not base64: it cannot be read now or on any retry.</summary>
/// <remarks>
/// The SDK leaves such a message out of what it returns and keeps it in the queue, where it would come back after every
/// visibility timeout and never be handled. Instead it is recorded in <c>&lt;queue&gt;-poison</c> with its raw text and
/// the reason, then deleted, as a malformed message is: nothing is dropped silently. (Peeks, which this project never
/// makes, are left alone: they hold no receipt to delete with.)
/// </remarks>
internal static class UndecodableMessages
{
    public const string Reason = "not base64: written without the encoding the queue trigger expects";

    public static async Task PoisonAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } raw)
        {
            return;
        }

        string text = raw.Body.ToString();
        string kept = text.Length <= TriggeredMessages.MaxPoisonedBodyChars ? text : text[..TriggeredMessages.MaxPoisonedBodyChars];
        var record = new PoisonMessage(args.Queue.Name, raw.MessageId, (int)Math.Min(raw.DequeueCount, int.MaxValue), Reason, kept);
        var poison = args.Queue.GetParentQueueServiceClient().GetQueueClient(QueueNames.Poison(args.Queue.Name));
        if (args.IsRunningSynchronously)
        {
            poison.CreateIfNotExists(cancellationToken: args.CancellationToken);
            poison.SendMessage(record.ToJson(), args.CancellationToken);
            args.Queue.DeleteMessage(raw.MessageId, raw.PopReceipt, args.CancellationToken);
            return;
        }

        await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken);
        await poison.SendMessageAsync(record.ToJson(), args.CancellationToken);
        await args.Queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, args.CancellationToken);
    }
}
