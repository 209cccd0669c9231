namespace ProgressFunctions.Core.Imports.Bundle;

/// <summary>The files of a CSV bundle, wherever they are: a zip, a folder (opened by the caller), or memory.</summary>
/// <remarks>File names are matched case-insensitively. <see cref="Issues"/> holds problems with the container itself.</remarks>
public interface IBundleSource : IDisposable
{
    string Name { get; }

    IReadOnlyList<ImportIssue> Issues { get; }

    /// <summary>The file's bytes as a stream the caller disposes, or null when the bundle has no such file.</summary>
    Stream? Open(string fileName);

    /// <summary>The names of every file the bundle holds (without folders), read or not: to name the one probably meant when a file is missing.</summary>
    IEnumerable<string> FileNames => [];
}

/// <summary>A bundle held in memory (tests, the generator's output before it is written).</summary>
public sealed class MemoryBundleSource(IReadOnlyDictionary<string, byte[]> files, string name = "bundle") : IBundleSource
{
    private readonly Dictionary<string, byte[]> _files = files.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);

    public string Name => name;

    public IReadOnlyList<ImportIssue> Issues => [];

    public Stream? Open(string fileName) => _files.TryGetValue(fileName, out var bytes) ? new MemoryStream(bytes, writable: false) : null;

    public IEnumerable<string> FileNames => _files.Keys;

    public void Dispose()
    {
    }
}

/// <summary>A size or count limit of an archive was exceeded while reading it.</summary>
public sealed class ArchiveLimitExceededException(string message) : IOException(message);
