using ProgressFunctions.Core.Imports;
using ProgressFunctions.Core.Imports.Bundle;

namespace ProgressFunctions.Cli.Imports;

/// <summary>A CSV bundle in a folder on disk; file names are matched case-insensitively.</summary>
internal sealed class DirectoryBundleSource(string folder) : IBundleSource
{
    private readonly Dictionary<string, string> _files =
        Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), f => f, StringComparer.OrdinalIgnoreCase);

    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));

    public IReadOnlyList<ImportIssue> Issues => [];

    public Stream? Open(string fileName) =>
        _files.TryGetValue(fileName, out var path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan) : null;

    public IEnumerable<string> FileNames => _files.Keys;

    public void Dispose()
    {
    }
}
