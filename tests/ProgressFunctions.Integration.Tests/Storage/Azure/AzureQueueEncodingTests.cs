using System.Text;
using System.Xml.Linq;
using Azure.Core;
using ProgressFunctions.Infrastructure.Azure;

namespace ProgressFunctions.Integration.Tests.Storage.Azure;

/// <summary>Messages on the wire are base64 of UTF-8, as Microsoft's SDKs and the Functions queue trigger use.</summary>
public sealed class AzureQueueEncodingTests(AzureStorageFixture fixture) : IClassFixture<AzureStorageFixture>
{
    private StorageRestClient Raw => new(StorageAccount.FromConnectionString(fixture.ConnectionString), null, TimeProvider.System);

    [Fact]
    public async Task SendAsync_Body_StoredAsBase64OfUtf8()
    {
        string queue = "enc" + Guid.NewGuid().ToString("N")[..12];
        await fixture.Storage.Queue.CreateIfMissingAsync(queue);
        await fixture.Storage.Queue.SendAsync(queue, "{\"pupil\":\"Zoë\"}");
        using var peek = Raw.Create(RequestMethod.Get, Raw.Account.QueueEndpoint, queue + "/messages", ("peekonly", "true"));
        var response = await Raw.SendAsync(peek, CancellationToken.None);
        string text = XDocument.Parse(response.Content.ToString()).Root!.Element("QueueMessage")!.Element("MessageText")!.Value;
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"pupil\":\"Zoë\"}")), text);
    }

    [Fact]
    public async Task ReceiveAsync_Base64MessageFromAnotherClient_DecodedBody()
    {
        string queue = "enc" + Guid.NewGuid().ToString("N")[..12];
        await fixture.Storage.Queue.CreateIfMissingAsync(queue);
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("sent by the Functions runtime ✓"));
        using var put = Raw.Create(RequestMethod.Post, Raw.Account.QueueEndpoint, queue + "/messages");
        put.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes($"<QueueMessage><MessageText>{encoded}</MessageText></QueueMessage>"));
        Assert.Equal(201, (await Raw.SendAsync(put, CancellationToken.None)).Status);
        var message = Assert.Single(await fixture.Storage.Queue.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(30)));
        Assert.Equal("sent by the Functions runtime ✓", message.Body);
    }
}
