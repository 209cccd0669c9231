using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ProgressFunctions.Core.Ports;
using BlobItem = ProgressFunctions.Core.Ports.BlobItem;

namespace ProgressFunctions.Infrastructure.Azure;

/// <summary>Blob Storage through Azure.Storage.Blobs.</summary>
/// <remarks>
/// Uploads go in 4 MiB blocks, two at a time, committed at once by the block list, so a stream of any length is
/// never buffered whole and a reader never sees half a blob. Downloads are not buffered: the caller reads the
/// response stream. Containers are created on the first put to each in this process.
/// </remarks>
internal sealed class AzureBlobStore(BlobServiceClient service) : IBlobStore
{
    private const int BlockSize = 4 * 1024 * 1024;

    private static readonly StorageTransferOptions s_transfer = new()
    {
        InitialTransferSize = BlockSize,
        MaximumTransferSize = BlockSize,
        MaximumConcurrency = 2,
    };

    private readonly ConcurrentDictionary<string, bool> _containers = new(StringComparer.Ordinal);

    public async Task<bool> PutAsync(BlobPath path, Stream content, string contentType, bool onlyIfAbsent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await EnsureContainerAsync(path.Container, cancellationToken);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = onlyIfAbsent ? new BlobRequestConditions { IfNoneMatch = ETag.All } : null,
            TransferOptions = s_transfer,
        };
        try
        {
            await Blob(path).UploadAsync(content, options, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (onlyIfAbsent && ex.Status is 409 or 412)
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Upload", $"blob '{path}'");
        }
    }

    public async Task<Stream?> OpenReadAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        try
        {
            var download = await Blob(path).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Get Blob", $"blob '{path}'");
        }
    }

    public async IAsyncEnumerable<BlobItem> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (container, namePrefix) = BlobPath.ParsePrefix(prefix);
        var pages = service.GetBlobContainerClient(container)
            .GetBlobsAsync(new GetBlobsOptions { Prefix = namePrefix }, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        await using (pages)
        {
            while (await NextAsync(pages, container))
            {
                var blob = pages.Current;
                yield return new BlobItem(
                    BlobPath.Parse(container + "/" + blob.Name),
                    blob.Properties.ContentLength ?? 0,
                    blob.Properties.ContentType ?? "application/octet-stream");
            }
        }
    }

    public async Task<bool> DeleteAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Blob(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Delete Blob", $"blob '{path}'");
        }
    }

    public async Task<bool> ExistsAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Blob(path).ExistsAsync(cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Get Blob Properties", $"blob '{path}'");
        }
    }

    // A missing container lists as empty, like a folder that was never written to.
    private static async Task<bool> NextAsync(IAsyncEnumerator<global::Azure.Storage.Blobs.Models.BlobItem> pages, string container)
    {
        try
        {
            return await pages.MoveNextAsync();
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "List Blobs", $"container '{container}'");
        }
    }

    private BlobClient Blob(BlobPath path) => service.GetBlobContainerClient(path.Container).GetBlobClient(path.Name);

    private async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        if (_containers.ContainsKey(container))
        {
            return;
        }

        try
        {
            await service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw StorageFailures.Named(ex, "Create Container", $"container '{container}'");
        }

        _containers.TryAdd(container, true);
    }
}
