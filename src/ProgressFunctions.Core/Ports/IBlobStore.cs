namespace ProgressFunctions.Core.Ports;

/// <summary>A blob as listed: its path, size in bytes and content type.</summary>
public sealed record BlobItem(BlobPath Path, long Length, string ContentType);

/// <summary>Files by path (MIS exports, rendered reports), streamed in both directions.</summary>
/// <remarks>
/// Content is never buffered whole in memory by a store: put copies from the caller's stream and read returns a
/// stream over the stored bytes. A put is all or nothing: a reader sees the previous blob or the new one, never a
/// partial one. Containers are created on first put.
/// </remarks>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> (read to its end) at <paramref name="path"/>.</summary>
    /// <returns><see langword="true"/> when written; <see langword="false"/> when <paramref name="onlyIfAbsent"/> is
    /// set and a blob was already there (it is left untouched; of concurrent callers exactly one writes).</returns>
    Task<bool> PutAsync(BlobPath path, Stream content, string contentType, bool onlyIfAbsent = false, CancellationToken cancellationToken = default);

    /// <summary>Opens the blob for a streaming read; <see langword="null"/> when it does not exist. Dispose the stream.</summary>
    Task<Stream?> OpenReadAsync(BlobPath path, CancellationToken cancellationToken = default);

    /// <summary>Blobs whose path starts with <paramref name="prefix"/> (see <see cref="BlobPath.ParsePrefix"/>), by name, streamed.</summary>
    IAsyncEnumerable<BlobItem> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; <see langword="false"/> when it did not exist.</summary>
    Task<bool> DeleteAsync(BlobPath path, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(BlobPath path, CancellationToken cancellationToken = default);
}
