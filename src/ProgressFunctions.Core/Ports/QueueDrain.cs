using System.Text.Json;

namespace ProgressFunctions.Core.Ports;

/// <summary>What a message that failed too often looks like in <c>&lt;queue&gt;-poison</c>.</summary>
public sealed record PoisonMessage(string Queue, string MessageId, int DequeueCount, string LastError, string Body)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    public static PoisonMessage FromJson(string json) =>
        JsonSerializer.Deserialize<PoisonMessage>(json, s_json) ?? throw new FormatException("Empty poison message.");
}

/// <summary>Counts from one <see cref="QueueDrain.DrainAsync"/>, and the last error of a message left to retry.</summary>
/// <remarks><see cref="LastError"/> is the exception's type and message, so "1 to retry" always comes with why.</remarks>
public record DrainResult(int Completed, int Retried, int Poisoned)
{
    public string? LastError { get; init; }
}

/// <summary>Settings of a drain; the defaults match the Functions queue trigger (5 attempts).</summary>
public sealed record DrainOptions
{
    public int MaxAttempts { get; init; } = 5;

    public int BatchSize { get; init; } = 16;

    /// <summary>Stop after handling this many messages (null: until the queue shows none).</summary>
    public int? MaxMessages { get; init; }

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed message stays hidden before its next attempt.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.Zero;

    /// <summary>How many messages of a received batch are handled at once; 1 handles them one by one, in order.</summary>
    /// <remarks>The Functions queue trigger handles a batch's messages concurrently too; a handler given more than 1 must be safe to run beside itself.</remarks>
    public int Concurrency { get; init; } = 1;
}

/// <summary>Processes a queue until no message is visible, for hosts that drain queues themselves (the CLI, the
/// embedded store). The Functions queue trigger does the same on Azure.</summary>
public static class QueueDrain
{
    /// <summary>Receives and handles messages until the queue shows none.</summary>
    /// <remarks>
    /// A message whose handler returns is completed. One whose handler throws is abandoned for another attempt;
    /// on its <see cref="DrainOptions.MaxAttempts"/>th failed attempt it is sent to <c>&lt;queue&gt;-poison</c> as a
    /// <see cref="PoisonMessage"/> holding the original body and the last error, then completed. A message delivered
    /// more often than that without a recorded failure (its handler's process died) is poisoned on sight. Sending to
    /// the poison queue happens before the completion, so a crash in between duplicates, never loses, the message.
    /// </remarks>
    public static async Task<DrainResult> DrainAsync(
        IMessageQueue queue,
        string queueName,
        Func<QueueMessage, CancellationToken, Task> handler,
        DrainOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new DrainOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        string poison = QueueNames.Poison(queueName);
        var counts = new int[3];
        string? lastError = null;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
        while (options.MaxMessages is not { } limit || counts.Sum() < limit)
        {
            var batch = await queue.ReceiveAsync(queueName, options.BatchSize, options.VisibilityTimeout, cancellationToken);
            if (batch.Count == 0)
            {
                return Result();
            }

            // Past MaxMessages, the rest of the batch is left for the next drain; it reappears after the visibility timeout.
            var room = (options.MaxMessages - counts.Sum()) ?? batch.Count;
            await Parallel.ForEachAsync(batch.Take(room), parallel, async (message, _) => Interlocked.Increment(ref counts[(int)await HandleAsync(message)]));
            if (room < batch.Count)
            {
                await Task.WhenAll(batch.Skip(room).Select(m => queue.AbandonAsync(queueName, m, TimeSpan.Zero, cancellationToken)));
                return Result();
            }
        }

        return Result();

        DrainResult Result() => new(counts[(int)Outcome.Completed], counts[(int)Outcome.Retried], counts[(int)Outcome.Poisoned]) { LastError = lastError };

        async Task<Outcome> HandleAsync(QueueMessage message)
        {
            if (message.DequeueCount > options.MaxAttempts)
            {
                string error = $"Delivered {message.DequeueCount} times without completing; the handler's process stopped.";
                await PoisonAsync(queue, queueName, poison, message, error, cancellationToken);
                return Outcome.Poisoned;
            }

            try
            {
                await handler(message, cancellationToken);
            }
#pragma warning disable CA1031 // A handler's failure of any kind is recorded against the message, never rethrown.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Volatile.Write(ref lastError, $"{ex.GetType().Name}: {ex.Message}");
                if (message.DequeueCount >= options.MaxAttempts)
                {
                    await PoisonAsync(queue, queueName, poison, message, lastError!, cancellationToken);
                    return Outcome.Poisoned;
                }

                await queue.AbandonAsync(queueName, message, options.RetryAfter, cancellationToken);
                return Outcome.Retried;
            }

            await queue.CompleteAsync(queueName, message, cancellationToken);
            return Outcome.Completed;
        }
    }

    private enum Outcome
    {
        Completed,
        Retried,
        Poisoned,
    }

    private static async Task PoisonAsync(
        IMessageQueue queue, string queueName, string poison, QueueMessage message, string error, CancellationToken cancellationToken)
    {
        await queue.CreateIfMissingAsync(poison, cancellationToken);
        var record = new PoisonMessage(queueName, message.Id, message.DequeueCount, error, message.Body);
        await queue.SendAsync(poison, record.ToJson(), cancellationToken);
        await queue.CompleteAsync(queueName, message, cancellationToken);
    }
}
