using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Integration.Tests.Storage.Contracts;

/// <summary>What every <see cref="IMessageQueue"/> must do; each adapter's test class inherits all of it.</summary>
public abstract class MessageQueueContract
{
    protected abstract IMessageQueue Queue { get; }

    /// <summary>Lets at least <paramref name="duration"/> pass for the queue: a fake clock moves, a server waits.</summary>
    protected abstract Task LetTimePassAsync(TimeSpan duration);

    protected async Task<string> NewQueueAsync()
    {
        string name = "q" + Guid.NewGuid().ToString("N")[..16];
        await Queue.CreateIfMissingAsync(name);
        return name;
    }

    [Fact]
    public async Task SendAsync_QueueMissing_ThrowsNamingTheQueue()
    {
        var ex = await Assert.ThrowsAsync<StorageException>(() => Queue.SendAsync("no-such-queue-here", "x"));
        Assert.Contains("no-such-queue-here", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIfMissingAsync_Twice_Succeeds()
    {
        string queue = await NewQueueAsync();
        await Queue.CreateIfMissingAsync(queue);
        Assert.Equal(0, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task SendReceiveComplete_OneMessage_DeliveredOnceThenGone()
    {
        string queue = await NewQueueAsync();
        await Queue.SendAsync(queue, "{\"report\":\"r-1\",\"note\":\"Zoë ✓\"}");
        var received = await Queue.ReceiveAsync(queue, 10, TimeSpan.FromSeconds(30));
        var message = Assert.Single(received);
        Assert.Equal("{\"report\":\"r-1\",\"note\":\"Zoë ✓\"}", message.Body);
        Assert.Equal(1, message.DequeueCount);
        Assert.Empty(await Queue.ReceiveAsync(queue, 10, TimeSpan.FromSeconds(30)));
        Assert.True(await Queue.CompleteAsync(queue, message));
        Assert.Equal(0, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task ReceiveAsync_Batch_ReturnsAtMostTheMaximum()
    {
        string queue = await NewQueueAsync();
        for (int i = 0; i < 7; i++)
        {
            await Queue.SendAsync(queue, $"m{i}");
        }

        var first = await Queue.ReceiveAsync(queue, 5, TimeSpan.FromSeconds(30));
        var second = await Queue.ReceiveAsync(queue, 5, TimeSpan.FromSeconds(30));
        Assert.Equal(5, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Equal(7, first.Concat(second).Select(m => m.Body).Distinct().Count());
    }

    [Fact]
    public async Task ReceiveAsync_NotCompleted_ReappearsAfterVisibilityTimeoutWithNewReceipt()
    {
        string queue = await NewQueueAsync();
        await Queue.SendAsync(queue, "work");
        var first = Assert.Single(await Queue.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1)));
        await LetTimePassAsync(TimeSpan.FromSeconds(2));
        var again = Assert.Single(await Queue.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, again.DequeueCount);
        Assert.False(await Queue.CompleteAsync(queue, first), "A stale receipt must not complete the message.");
        Assert.True(await Queue.CompleteAsync(queue, again));
    }

    [Fact]
    public async Task AbandonAsync_Zero_VisibleAgainAtOnce()
    {
        string queue = await NewQueueAsync();
        await Queue.SendAsync(queue, "retry me");
        var first = Assert.Single(await Queue.ReceiveAsync(queue, 1, TimeSpan.FromMinutes(5)));
        Assert.True(await Queue.AbandonAsync(queue, first, TimeSpan.Zero));
        var again = Assert.Single(await Queue.ReceiveAsync(queue, 1, TimeSpan.FromMinutes(5)));
        Assert.Equal("retry me", again.Body);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task DrainAsync_HandlerFailsFiveTimes_MessageInPoisonQueueWithLastError()
    {
        string queue = await NewQueueAsync();
        await Queue.SendAsync(queue, "bad report");
        await Queue.SendAsync(queue, "good report");
        int attempts = 0;
        var result = await QueueDrain.DrainAsync(Queue, queue, (message, _) =>
        {
            if (message.Body == "bad report")
            {
                attempts++;
                throw new InvalidOperationException($"renderer failed, attempt {attempts}");
            }

            return Task.CompletedTask;
        });

        Assert.Equal(new DrainResult(Completed: 1, Retried: 4, Poisoned: 1) { LastError = "InvalidOperationException: renderer failed, attempt 5" }, result);
        Assert.Equal(5, attempts);
        Assert.Equal(0, await Queue.CountAsync(queue));
        var poison = Assert.Single(await Queue.ReceiveAsync(QueueNames.Poison(queue), 10, TimeSpan.FromSeconds(30)));
        var record = PoisonMessage.FromJson(poison.Body);
        Assert.Equal("bad report", record.Body);
        Assert.Equal(5, record.DequeueCount);
        Assert.Equal(queue, record.Queue);
        Assert.Contains("renderer failed, attempt 5", record.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrainAsync_AllSucceed_CompletesEveryMessage()
    {
        string queue = await NewQueueAsync();
        for (int i = 0; i < 40; i++)
        {
            await Queue.SendAsync(queue, $"m{i}");
        }

        var seen = new HashSet<string>();
        var result = await QueueDrain.DrainAsync(Queue, queue, (m, _) => Task.FromResult(seen.Add(m.Body)));
        Assert.Equal(new DrainResult(40, 0, 0), result);
        Assert.Equal(40, seen.Count);
    }

    [Fact]
    public async Task DrainAsync_ConcurrencyTwo_HandlesTwoAtOnceNeverMore()
    {
        string queue = await NewQueueAsync();
        for (int i = 0; i < 6; i++)
        {
            await Queue.SendAsync(queue, $"m{i}");
        }

        // The first handler finishes only once a second is running beside it: one at a time would time out and retry.
        var (inFlight, most) = (0, 0);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = await QueueDrain.DrainAsync(Queue, queue, async (_, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            if (now >= 2)
            {
                second.TrySetResult();
            }

            try
            {
                await second.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }, new DrainOptions { Concurrency = 2, MaxAttempts = 1 });

        Assert.Equal(new DrainResult(6, 0, 0), result);
        Assert.Equal(2, most);
        Assert.Equal(0, await Queue.CountAsync(queue));
    }

    [Fact]
    public async Task DrainAsync_MaxMessagesBelowBatchWithConcurrency_HandlesExactlyMaxAndLeavesTheRestVisible()
    {
        string queue = await NewQueueAsync();
        for (int i = 0; i < 10; i++)
        {
            await Queue.SendAsync(queue, $"m{i}");
        }

        var handled = 0;
        var result = await QueueDrain.DrainAsync(Queue, queue, (_, _) => Task.FromResult(Interlocked.Increment(ref handled)),
            new DrainOptions { Concurrency = 4, MaxMessages = 3 });

        Assert.Equal(new DrainResult(3, 0, 0), result);
        Assert.Equal(3, handled);
        Assert.Equal(7, (await Queue.ReceiveAsync(queue, 16, TimeSpan.FromSeconds(30))).Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    public async Task CreateIfMissingAsync_InvalidName_Throws(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Queue.CreateIfMissingAsync(name));
    }
}
