using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Queue Storage over the REST API.</summary>
/// <remarks>
/// Message text is the base64 of the UTF-8 body, as Microsoft's SDKs (with base64 encoding) and the Functions queue
/// trigger write and expect, so either side can read the other's messages. Text that is not valid base64 (written
/// by a client without encoding) is returned as it is.
/// </remarks>
internal sealed class AzureMessageQueue(StorageRestClient client) : IMessageQueue
{
    public async Task CreateIfMissingAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var message = client.Create(RequestMethod.Put, client.Account.QueueEndpoint, QueueNames.Validate(queue));
        var response = await client.SendAsync(message, cancellationToken);
        if (response.Status is not (201 or 204))
        {
            throw StorageRestClient.Failure(response, "Create Queue", $"queue '{queue}'");
        }
    }

    public Task SendAsync(string queue, string body, CancellationToken cancellationToken = default) =>
        SendLaterAsync(queue, body, TimeSpan.Zero, cancellationToken);

    public async Task SendLaterAsync(string queue, string body, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        if (bytes.Length > IMessageQueue.MaxBodyBytes)
        {
            throw new ArgumentException($"A message body for queue '{queue}' may be at most {IMessageQueue.MaxBodyBytes} UTF-8 bytes.", nameof(body));
        }

        var xml = new XElement("QueueMessage", new XElement("MessageText", Convert.ToBase64String(bytes)));
        using var message = client.Create(RequestMethod.Post, client.Account.QueueEndpoint, QueueNames.Validate(queue) + "/messages",
            [.. delay > TimeSpan.Zero ? [("visibilitytimeout", Seconds(delay))] : Array.Empty<(string, string)>()]);
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting)));
        var response = await client.SendAsync(message, cancellationToken);
        if (response.Status != 201)
        {
            throw StorageRestClient.Failure(response, "Put Message", $"queue '{queue}'");
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, TimeSpan.FromDays(7));
        using var message = client.Create(
            RequestMethod.Get, client.Account.QueueEndpoint, QueueNames.Validate(queue) + "/messages",
            ("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture)),
            ("visibilitytimeout", Seconds(visibilityTimeout)));
        var response = await client.SendAsync(message, cancellationToken);
        if (response.Status != 200)
        {
            throw StorageRestClient.Failure(response, "Get Messages", $"queue '{queue}'");
        }

        return XDocument.Parse(response.Content.ToString()).Root!.Elements("QueueMessage")
            .Select(m => new QueueMessage(
                m.Element("MessageId")!.Value,
                m.Element("PopReceipt")!.Value,
                int.Parse(m.Element("DequeueCount")!.Value, CultureInfo.InvariantCulture),
                Decode(m.Element("MessageText")?.Value ?? ""),
                DateTimeOffset.Parse(m.Element("InsertionTime")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)))
            .ToList();
    }

    public async Task<bool> CompleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = client.Create(
            RequestMethod.Delete, client.Account.QueueEndpoint, MessagePath(queue, message), ("popreceipt", message.Receipt));
        return Outcome(await client.SendAsync(request, cancellationToken), "Delete Message", queue);
    }

    public async Task<bool> AbandonAsync(string queue, QueueMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        using var request = client.Create(
            RequestMethod.Put, client.Account.QueueEndpoint, MessagePath(queue, message),
            ("popreceipt", message.Receipt), ("visibilitytimeout", Seconds(retryAfter)));
        return Outcome(await client.SendAsync(request, cancellationToken), "Update Message", queue);
    }

    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var message = client.Create(
            RequestMethod.Get, client.Account.QueueEndpoint, QueueNames.Validate(queue), ("comp", "metadata"));
        var response = await client.SendAsync(message, cancellationToken);
        if (response.Status != 200 || !response.Headers.TryGetValue("x-ms-approximate-messages-count", out string? count))
        {
            throw StorageRestClient.Failure(response, "Get Queue Metadata", $"queue '{queue}'");
        }

        return int.Parse(count, CultureInfo.InvariantCulture);
    }

    private static bool Outcome(Response response, string operation, string queue) => response.Status switch
    {
        204 => true,
        404 or 400 when StorageRestClient.ErrorCode(response) is "MessageNotFound" or "PopReceiptMismatch" => false,
        _ => throw StorageRestClient.Failure(response, operation, $"queue '{queue}'"),
    };

    private static string MessagePath(string queue, QueueMessage message) =>
        QueueNames.Validate(queue) + "/messages/" + Uri.EscapeDataString(message.Id);

    private static string Seconds(TimeSpan duration) =>
        ((long)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Decode(string text)
    {
        byte[] buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out int written) ? Encoding.UTF8.GetString(buffer, 0, written) : text;
    }
}
