using System.Globalization;
using System.IO.Compression;

namespace ProgressFunctions.Core.Imports.Bundle;

/// <summary>Limits that stop a hostile or broken archive from exhausting memory, disk or time.</summary>
/// <remarks>
/// Sizes are of expanded bytes and are enforced on the bytes actually read, not only on what the entry header claims.
/// The ratio limit applies to entries that expand beyond 1 MiB: real CSV compresses about 10-30 times, a zip bomb
/// about a thousand times.
/// </remarks>
public sealed record ZipLimits(int MaxEntries = 64, long MaxEntryBytes = 4L << 30, long MaxTotalBytes = 8L << 30, int MaxCompressionRatio = 200)
{
    public static ZipLimits Default { get; } = new();
}

/// <summary>A CSV bundle inside a zip archive, read within <see cref="ZipLimits"/>.</summary>
/// <remarks>
/// Entries may sit in one top folder ("export/pupils.csv"). An entry whose path is absolute or climbs out with
/// <c>..</c> is refused and reported; nothing is ever extracted to disk. An archive that holds a file of the bundle
/// (<see cref="BundleReader.FileNames"/>) twice (two exports zipped together, "monday/pupils.csv" and "tuesday/pupils.csv") is not opened at all: which of
/// the two is the school's data now cannot be told, and reading one file of each would mix them.
/// </remarks>
public sealed class ZipBundleSource : IBundleSource
{
    private const long RatioCheckFloor = 1 << 20;
    private readonly ZipArchive _archive;
    private readonly ZipLimits _limits;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ImportIssue> _issues = [];
    private readonly List<(string First, string Again)> _repeated = [];
    private long _expandedSoFar;

    private ZipBundleSource(ZipArchive archive, string name, ZipLimits limits)
    {
        _archive = archive;
        _limits = limits;
        Name = name;
        if (archive.Entries.Count > limits.MaxEntries)
        {
            _issues.Add(ImportIssue.Error(name, 0, "", "", Invariant($"the archive has {archive.Entries.Count} entries; at most {limits.MaxEntries} are read")));
            return;
        }

        foreach (var entry in archive.Entries)
        {
            Admit(entry);
        }
    }

    public string Name { get; }

    public IReadOnlyList<ImportIssue> Issues => _issues;

    /// <summary>Opens an archive; false with a one-line reason when the stream is not a zip at all.</summary>
    public static bool TryOpen(Stream stream, string name, ZipLimits limits, out ZipBundleSource? source, out string? error)
    {
        source = null;
        error = null;
        try
        {
            source = new ZipBundleSource(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false), name, limits);
            if (source._repeated.Count > 0)
            {
                var (first, again) = source._repeated[0];
                var more = source._repeated.Count - 1;
                error = $"{name} holds more than one export: '{first}' and '{again}'{(more > 0 ? Invariant($", and {more:N0} more files twice") : "")}. "
                    + "Put each export in a zip of its own and import them one at a time, the older first";
                source.Dispose();
                source = null;
                return false;
            }

            if (!source._entries.Keys.Any(BundleReader.FileNames.Contains)
                && source._archive.Entries.FirstOrDefault(e => e.FullName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) is { } inner)
            {
                // A zip of the zip the MIS wrote: "has no school.json, no pupils.csv" would send the user looking for missing files.
                error = $"{name} holds another zip, '{inner.FullName}', and none of the export's files: import '{inner.Name}' itself (take it out of {name} first)";
                source.Dispose();
                source = null;
                return false;
            }

            return true;
        }
        catch (InvalidDataException e)
        {
            error = $"{name} is not a readable zip archive ({e.Message})";
            return false;
        }
    }

    public Stream? Open(string fileName)
    {
        if (!_entries.TryGetValue(fileName, out var entry))
        {
            return null;
        }

        var budget = Math.Min(_limits.MaxEntryBytes, Math.Min(entry.Length, _limits.MaxTotalBytes - _expandedSoFar));
        return new LimitedStream(entry.Open(), budget, n => _expandedSoFar += n, entry.FullName);
    }

    public IEnumerable<string> FileNames => _entries.Keys;

    public void Dispose() => _archive.Dispose();

    private void Admit(ZipArchiveEntry entry)
    {
        var path = entry.FullName.Replace('\\', '/');
        if (path.EndsWith('/'))
        {
            return;   // a folder
        }

        if (path.StartsWith('/') || path.Contains(':') || path.Split('/').Any(s => s == ".."))
        {
            _issues.Add(ImportIssue.Error(Name, 0, entry.FullName, entry.FullName, $"entry '{entry.FullName}' has a path outside the archive; it was not read"));
            return;
        }

        if (entry.Length > _limits.MaxEntryBytes)
        {
            _issues.Add(ImportIssue.Error(entry.Name, 0, "", "", Invariant($"'{entry.FullName}' expands to {entry.Length:N0} bytes; the limit is {_limits.MaxEntryBytes:N0}")));
            return;
        }

        if (entry.Length > RatioCheckFloor && entry.Length > (long)_limits.MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
        {
            _issues.Add(ImportIssue.Error(entry.Name, 0, "", "", Invariant($"'{entry.FullName}' expands {entry.Length / Math.Max(entry.CompressedLength, 1):N0} times; more than {_limits.MaxCompressionRatio} looks like a zip bomb, so it was not read")));
            return;
        }

        var fileName = path[(path.LastIndexOf('/') + 1)..];
        if (!_entries.TryAdd(fileName, entry) && BundleReader.FileNames.Contains(fileName))
        {
            _repeated.Add((_entries[fileName].FullName, entry.FullName));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
