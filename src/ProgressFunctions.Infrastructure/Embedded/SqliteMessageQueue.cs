using System.Text;
using Microsoft.Data.Sqlite;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>Queues as rows in the embedded SQLite file, with Azure Queue Storage's delivery semantics.</summary>
/// <remarks>
/// Receive is one atomic <c>UPDATE … RETURNING</c>: two processes never receive the same message at the same time.
/// A message becomes visible again when its <c>visible_at</c> passes (read from the <see cref="TimeProvider"/>), and
/// each receive issues a new receipt so that a late complete from an earlier receiver is refused.
/// </remarks>
internal sealed class SqliteMessageQueue(SqliteDatabase database, TimeProvider time) : IMessageQueue
{
    public async Task CreateIfMissingAsync(string queue, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(queue);
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(connection, "INSERT OR IGNORE INTO queues (name) VALUES ($q)");
        command.Parameters.AddWithValue("$q", queue);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task SendAsync(string queue, string body, CancellationToken cancellationToken = default) =>
        SendLaterAsync(queue, body, TimeSpan.Zero, cancellationToken);

    public async Task SendLaterAsync(string queue, string body, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(queue);
        ArgumentNullException.ThrowIfNull(body);
        if (Encoding.UTF8.GetByteCount(body) > IMessageQueue.MaxBodyBytes)
        {
            throw new ArgumentException($"A message body for queue '{queue}' may be at most {IMessageQueue.MaxBodyBytes} UTF-8 bytes.", nameof(body));
        }

        long now = Now();
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection,
            """
            INSERT INTO messages (queue, id, body, inserted_at, visible_at)
            SELECT $q, $id, $b, $now, $visible WHERE EXISTS (SELECT 1 FROM queues WHERE name = $q)
            """);
        command.Parameters.AddWithValue("$q", queue);
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("D"));
        command.Parameters.AddWithValue("$b", body);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$visible", now + (long)delay.TotalMilliseconds);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new StorageException(queue, 404, "QueueNotFound", $"Queue '{queue}' does not exist; create it first.");
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, TimeSpan.FromDays(7));
        long now = Now();
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection,
            """
            UPDATE messages
            SET visible_at = $until, dequeue_count = dequeue_count + 1, receipt = lower(hex(randomblob(16)))
            WHERE seq IN (SELECT seq FROM messages WHERE queue = $q AND visible_at <= $now ORDER BY visible_at, seq LIMIT $n)
            RETURNING id, receipt, dequeue_count, body, inserted_at
            """);
        command.Parameters.AddWithValue("$q", queue);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$until", now + (long)visibilityTimeout.TotalMilliseconds);
        command.Parameters.AddWithValue("$n", maxMessages);
        var messages = new List<QueueMessage>(maxMessages);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new QueueMessage(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return messages;
    }

    public async Task<bool> CompleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection, "DELETE FROM messages WHERE queue = $q AND id = $id AND receipt = $r");
        AddMessage(command, queue, message);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> AbandonAsync(string queue, QueueMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(
            connection,
            "UPDATE messages SET visible_at = $at, receipt = NULL WHERE queue = $q AND id = $id AND receipt = $r");
        AddMessage(command, queue, message);
        command.Parameters.AddWithValue("$at", Now() + (long)retryAfter.TotalMilliseconds);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        QueueNames.Validate(queue);
        using var connection = database.Connect();
        using var command = SqliteDatabase.Command(connection, "SELECT count(*) FROM messages WHERE queue = $q");
        command.Parameters.AddWithValue("$q", queue);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddMessage(SqliteCommand command, string queue, QueueMessage message)
    {
        command.Parameters.AddWithValue("$q", QueueNames.Validate(queue));
        command.Parameters.AddWithValue("$id", message.Id);
        command.Parameters.AddWithValue("$r", message.Receipt);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
