using Azure.Storage.Queues;
using ProgressFunctions.Core.Ports;
using ProgressFunctions.Infrastructure.Azure;

namespace ProgressFunctions.Integration.Tests.Storage.Azure;

/// <summary>Messages on the wire are base64 of UTF-8, as the Functions queue trigger reads and writes them; checked
/// with Microsoft's own queue client, not with the adapter.</summary>
public sealed class AzureQueueEncodingTests(AzureStorageFixture fixture) : IClassFixture<AzureStorageFixture>
{
    [Fact]
    public async Task SendAsync_Body_StoredAsBase64OfUtf8()
    {
        var queue = await NewQueueAsync();
        await fixture.Storage.Queue.SendAsync(queue.Name, "{\"pupil\":\"Zoë\"}");

        var raw = new QueueClient(fixture.ConnectionString, queue.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var peeked = Assert.Single((await raw.PeekMessagesAsync(1)).Value);
        Assert.Equal(Convert.ToBase64String("{\"pupil\":\"Zoë\"}"u8.ToArray()), peeked.Body.ToString());
    }

    [Fact]
    public async Task ReceiveAsync_Base64MessageFromMicrosoftsClient_DecodedBody()
    {
        var queue = await NewQueueAsync();
        var writer = new QueueClient(fixture.ConnectionString, queue.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await writer.SendMessageAsync("sent by the Functions runtime ✓");

        var message = Assert.Single(await fixture.Storage.Queue.ReceiveAsync(queue.Name, 1, TimeSpan.FromSeconds(30)));

        Assert.Equal("sent by the Functions runtime ✓", message.Body);
    }

    [Fact]
    public async Task ReceiveAsync_MessageNotBase64_MovedToPoisonQueueWithItsText()
    {
        var queue = await NewQueueAsync();
        var plain = new QueueClient(fixture.ConnectionString, queue.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await plain.SendMessageAsync("{not base64: written as plain text}");

        var received = await fixture.Storage.Queue.ReceiveAsync(queue.Name, 5, TimeSpan.FromSeconds(30));

        Assert.Empty(received);
        Assert.Equal(0, await fixture.Storage.Queue.CountAsync(queue.Name));
        var poisoned = Assert.Single(await fixture.Storage.Queue.ReceiveAsync(QueueNames.Poison(queue.Name), 5, TimeSpan.FromSeconds(30)));
        var record = PoisonMessage.FromJson(poisoned.Body);
        Assert.Equal(queue.Name, record.Queue);
        Assert.Equal("{not base64: written as plain text}", record.Body);
        Assert.Equal(UndecodableMessages.Reason, record.LastError);
    }

    private async Task<QueueClient> NewQueueAsync()
    {
        string name = "enc" + Guid.NewGuid().ToString("N")[..12];
        await fixture.Storage.Queue.CreateIfMissingAsync(name);
        return new QueueClient(fixture.ConnectionString, name);
    }
}
