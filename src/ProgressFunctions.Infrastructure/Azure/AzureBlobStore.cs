using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using Azure.Core;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Blob Storage over the REST API (Put Blob, Put Block / Put Block List, Get, List, Delete, Get Properties).</summary>
/// <remarks>
/// Seekable content goes up in one streamed Put Blob; other streams in 4 MiB blocks through one pooled buffer, made
/// visible at once by Put Block List. Downloads are not buffered: the caller reads the response stream. Containers are
/// created on the first put to each in this process.
/// </remarks>
internal sealed class AzureBlobStore(StorageRestClient client) : IBlobStore
{
    private const int BlockSize = 4 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, bool> _containers = new(StringComparer.Ordinal);

    public async Task<bool> PutAsync(BlobPath path, Stream content, string contentType, bool onlyIfAbsent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await EnsureContainerAsync(path.Container, cancellationToken);
        if (content.CanSeek)
        {
            using var message = client.Create(RequestMethod.Put, client.Account.BlobEndpoint, Escape(path));
            message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
            message.Request.Headers.SetValue("Content-Type", contentType);
            message.Request.Content = RequestContent.Create(content);
            try
            {
                return await CommitAsync(message, path, onlyIfAbsent, "Put Blob", cancellationToken);
            }
            finally
            {
                // The caller owns its stream; disposing the message would otherwise dispose it too.
                message.Request.Content = null;
            }
        }

        if (onlyIfAbsent && await ExistsAsync(path, cancellationToken))
        {
            return false;
        }

        var blockIds = new List<string>();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            int filled;
            while ((filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, BlockSize), BlockSize, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                string id = Convert.ToBase64String(Encoding.ASCII.GetBytes(blockIds.Count.ToString("D8", CultureInfo.InvariantCulture)));
                using var block = client.Create(RequestMethod.Put, client.Account.BlobEndpoint, Escape(path), ("comp", "block"), ("blockid", id));
                block.Request.Content = RequestContent.Create(new ReadOnlyMemory<byte>(buffer, 0, filled));
                var response = await client.SendAsync(block, cancellationToken);
                if (response.Status != 201)
                {
                    throw StorageRestClient.Failure(response, "Put Block", $"blob '{path}'");
                }

                blockIds.Add(id);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var list = new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id)));
        using var commit = client.Create(RequestMethod.Put, client.Account.BlobEndpoint, Escape(path), ("comp", "blocklist"));
        commit.Request.Headers.SetValue("x-ms-blob-content-type", contentType);
        commit.Request.Headers.SetValue("Content-Type", "application/xml");
        commit.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(list.ToString(SaveOptions.DisableFormatting)));
        return await CommitAsync(commit, path, onlyIfAbsent, "Put Block List", cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        var message = client.Create(RequestMethod.Get, client.Account.BlobEndpoint, Escape(path));
        message.BufferResponse = false;
        try
        {
            var response = await client.SendAsync(message, cancellationToken);
            if (response.Status == 404)
            {
                return null;
            }

            if (response.Status != 200)
            {
                throw StorageRestClient.Failure(response, "Get Blob", $"blob '{path}'");
            }

            return message.ExtractResponseContent() ?? Stream.Null;
        }
        finally
        {
            message.Dispose();
        }
    }

    public async IAsyncEnumerable<BlobItem> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (container, namePrefix) = BlobPath.ParsePrefix(prefix);
        string marker = "";
        do
        {
            using var message = client.Create(
                RequestMethod.Get, client.Account.BlobEndpoint, container,
                ("restype", "container"), ("comp", "list"), ("prefix", namePrefix), ("marker", marker), ("maxresults", "1000"));
            var response = await client.SendAsync(message, cancellationToken);
            if (response.Status == 404 && StorageRestClient.ErrorCode(response) == "ContainerNotFound")
            {
                yield break;
            }

            if (response.Status != 200)
            {
                throw StorageRestClient.Failure(response, "List Blobs", $"container '{container}'");
            }

            var page = XDocument.Parse(response.Content.ToString()).Root!;
            foreach (var blob in page.Element("Blobs")?.Elements("Blob") ?? [])
            {
                var properties = blob.Element("Properties");
                yield return new BlobItem(
                    BlobPath.Parse(container + "/" + blob.Element("Name")!.Value),
                    long.Parse(properties?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                    properties?.Element("Content-Type")?.Value ?? "application/octet-stream");
            }

            marker = page.Element("NextMarker")?.Value ?? "";
        }
        while (marker.Length > 0);
    }

    public async Task<bool> DeleteAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        using var message = client.Create(RequestMethod.Delete, client.Account.BlobEndpoint, Escape(path));
        var response = await client.SendAsync(message, cancellationToken);
        return response.Status switch
        {
            202 => true,
            404 => false,
            _ => throw StorageRestClient.Failure(response, "Delete Blob", $"blob '{path}'"),
        };
    }

    public async Task<bool> ExistsAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        using var message = client.Create(RequestMethod.Head, client.Account.BlobEndpoint, Escape(path));
        var response = await client.SendAsync(message, cancellationToken);
        return response.Status switch
        {
            200 => true,
            404 => false,
            _ => throw StorageRestClient.Failure(response, "Get Blob Properties", $"blob '{path}'"),
        };
    }

    private async Task<bool> CommitAsync(HttpMessage message, BlobPath path, bool onlyIfAbsent, string operation, CancellationToken cancellationToken)
    {
        if (onlyIfAbsent)
        {
            message.Request.Headers.SetValue("If-None-Match", "*");
        }

        var response = await client.SendAsync(message, cancellationToken);
        return response.Status switch
        {
            201 => true,
            409 or 412 when onlyIfAbsent => false,
            _ => throw StorageRestClient.Failure(response, operation, $"blob '{path}'"),
        };
    }

    private async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        if (_containers.ContainsKey(container))
        {
            return;
        }

        using var message = client.Create(RequestMethod.Put, client.Account.BlobEndpoint, container, ("restype", "container"));
        var response = await client.SendAsync(message, cancellationToken);
        if (response.Status != 201 && StorageRestClient.ErrorCode(response) != "ContainerAlreadyExists")
        {
            throw StorageRestClient.Failure(response, "Create Container", $"container '{container}'");
        }

        _containers.TryAdd(container, true);
    }

    private static string Escape(BlobPath path) =>
        path.Container + "/" + string.Join('/', path.Name.Split('/').Select(Uri.EscapeDataString));
}
