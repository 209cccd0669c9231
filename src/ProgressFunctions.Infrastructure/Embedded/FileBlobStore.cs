using System.Runtime.CompilerServices;
using ProgressFunctions.Core.Ports;

namespace ProgressFunctions.Infrastructure.Embedded;

/// <summary>Blobs as files under <c>&lt;data&gt;/blobs/&lt;container&gt;/&lt;name&gt;</c>.</summary>
/// <remarks>
/// A put streams into a temporary file in <c>blobs-tmp</c> (same volume) and renames it into place, so readers and
/// a crash never see a partial blob; create-only puts use a rename that refuses to replace, so of two concurrent
/// callers one wins. Content types live beside the data in <c>blobs-meta</c>, except the one a blob's extension
/// already names (a PDF's <c>application/pdf</c>), so a report is one temporary file and one rename, not two. <see cref="BlobPath"/> has already
/// refused <c>..</c>, absolute and empty segments, and the full path is checked again to stay under the root.
/// </remarks>
internal sealed class FileBlobStore : IBlobStore
{
    private const string DefaultContentType = "application/octet-stream";
    private readonly string _blobs;
    private readonly string _meta;
    private readonly string _temp;

    public FileBlobStore(string dataDirectory)
    {
        string root = Path.GetFullPath(dataDirectory);
        _blobs = Path.Combine(root, "blobs");
        _meta = Path.Combine(root, "blobs-meta");
        _temp = Path.Combine(root, "blobs-tmp");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_meta);
        Directory.CreateDirectory(_temp);
    }

    public async Task<bool> PutAsync(BlobPath path, Stream content, string contentType, bool onlyIfAbsent = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string target = FileOf(_blobs, path);
        if (onlyIfAbsent && File.Exists(target))
        {
            return false;
        }

        string temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        var placed = false;
        try
        {
            await WriteNewAsync(temp, content, cancellationToken);
            try
            {
                MoveCreatingFolder(temp, target, overwrite: !onlyIfAbsent);
                placed = true;
            }
            catch (IOException) when (onlyIfAbsent && File.Exists(target))
            {
                return false;
            }

            await WriteContentTypeAsync(path, contentType, cancellationToken);
            return true;
        }
        finally
        {
            if (!placed)
            {
                File.Delete(temp);
            }
        }
    }

    // A rendered report arrives whole in memory and is written in one synchronous call: on a local disk that is
    // tens of microseconds, where an asynchronous write to a handle the OS cannot write asynchronously goes to a
    // pool thread and back (for a parent report's PDF and e-mail, 25,000 futex and 90,000 sched_yield calls per 600
    // reports before, 3,000 and 1,000 after).
    private static async Task WriteNewAsync(string file, Stream content, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(
            File.OpenHandle(file, FileMode.CreateNew, FileAccess.Write, FileShare.None), FileAccess.Write, content is MemoryStream ? 0 : 81920);
        if (content is MemoryStream)
        {
            content.CopyTo(stream);
        }
        else
        {
            await content.CopyToAsync(stream, 81920, cancellationToken);
        }
    }

    // The folder is made only when the rename finds it missing: a report's folder exists for all but its first file.
    // .NET tells a missing folder from a missing file by looking again after the rename failed; when another writer
    // made the folder in between, a missing folder is reported as the target file not found (two year leaders' copies
    // of one year's report, stored at once into the term's new folder).
    private static void MoveCreatingFolder(string source, string target, bool overwrite)
    {
        try
        {
            File.Move(source, target, overwrite);
        }
        catch (IOException e) when (e is DirectoryNotFoundException || (e is FileNotFoundException && File.Exists(source)))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(source, target, overwrite);
        }
    }

    public Task<Stream?> OpenReadAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        try
        {
            Stream stream = new FileStream(FileOf(_blobs, path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public async IAsyncEnumerable<BlobItem> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (container, namePrefix) = BlobPath.ParsePrefix(prefix);
        string root = Path.Combine(_blobs, container);
        if (!Directory.Exists(root))
        {
            yield break;
        }

        // Names only are collected (to sort as Azure does); contents and metadata are read one blob at a time.
        var names = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => name.StartsWith(namePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (string name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = BlobPath.Parse(container + "/" + name);
            var info = new FileInfo(FileOf(_blobs, path));
            if (info.Exists)
            {
                yield return new BlobItem(path, info.Length, await ReadContentTypeAsync(path, cancellationToken));
            }
        }
    }

    public Task<bool> DeleteAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        string file = FileOf(_blobs, path);
        bool existed = File.Exists(file);
        DeleteIfPresent(file);
        DeleteIfPresent(FileOf(_meta, path));
        return Task.FromResult(existed);
    }

    public Task<bool> ExistsAsync(BlobPath path, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(FileOf(_blobs, path)));

    private async Task WriteContentTypeAsync(BlobPath path, string contentType, CancellationToken cancellationToken)
    {
        string file = FileOf(_meta, path);
        if (string.Equals(contentType, Implied(path), StringComparison.OrdinalIgnoreCase))
        {
            // A stale type from an earlier put of the same name would otherwise win over the implied one.
            DeleteIfPresent(file);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        string temp = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(temp, string.IsNullOrWhiteSpace(contentType) ? DefaultContentType : contentType, cancellationToken);
        File.Move(temp, file, overwrite: true);
    }

    private async Task<string> ReadContentTypeAsync(BlobPath path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(FileOf(_meta, path), cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Implied(path) ?? DefaultContentType;
        }
    }

    // File.Delete ignores a missing file but not a missing folder, and an implied type leaves no metadata folder.
    private static void DeleteIfPresent(string file)
    {
        if (File.Exists(file))
        {
            File.Delete(file);
        }
    }

    /// <summary>The content type a blob's extension names, for the few kinds the product writes in bulk.</summary>
    private static string? Implied(BlobPath path) => Path.GetExtension(path.Name).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".eml" => "message/rfc822",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => null,
    };

    /// <summary>The file that holds the blob at <paramref name="path"/>, to name to a person.</summary>
    public string FileOf(BlobPath path) => FileOf(_blobs, path);

    private static string FileOf(string root, BlobPath path)
    {
        string full = Path.GetFullPath(Path.Combine(root, path.Container, path.Name.Replace('/', Path.DirectorySeparatorChar)));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"Blob path '{path}' resolves outside the blob folder.", nameof(path));
    }
}
