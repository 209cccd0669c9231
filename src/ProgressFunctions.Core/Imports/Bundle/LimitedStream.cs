using System.Globalization;

namespace ProgressFunctions.Core.Imports.Bundle;

/// <summary>Reads at most a budget of bytes from an archive entry, then fails rather than keep expanding.</summary>
/// <remarks>The budget is the entry's declared size capped by the limits, so an entry that lies about its size is caught too.</remarks>
internal sealed class LimitedStream(Stream inner, long budget, Action<long> onRead, string entryName) : ForwardReadStream(inner)
{
    private long _read;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        _read += n;
        onRead(n);
        if (_read > budget)
        {
            throw new ArchiveLimitExceededException(string.Create(CultureInfo.InvariantCulture,
                $"'{entryName}' expanded past {budget:N0} bytes (its declared size or the archive limits); reading stopped"));
        }

        return n;
    }
}
