using System.IO.Compression;

namespace ProgressFunctions.Core.Imports.Bundle;

/// <summary>Packs the files of a CSV bundle into one zip, the form exports are uploaded in.</summary>
/// <remarks>
/// Deterministic: entries in ordinal name order with a fixed timestamp, so the same files always give the same bytes
/// and therefore the same import receipt.
/// </remarks>
public static class BundleZip
{
    private static readonly DateTimeOffset s_entryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Create(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = s_entryTime;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Captures what a bundle writer writes (one stream per file name) and zips it.</summary>
    public static byte[] Capture(Action<Func<string, Stream>> write)
    {
        var files = new Dictionary<string, MemoryStream>(StringComparer.Ordinal);
        write(name => files[name] = new MemoryStream());
        return Create(files.Select(f => (f.Key, f.Value.ToArray())));
    }
}
