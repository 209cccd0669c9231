using System.Globalization;

namespace ProgressFunctions.Core.Imports.Bundle;

/// <summary>Reads at most a budget of bytes from an archive entry, then fails rather than keep expanding.</summary>
/// <remarks>The budget is the entry's declared size capped by the limits, so an entry that lies about its size is caught too.</remarks>
internal sealed class LimitedStream(Stream inner, long budget, Action<long> onRead, string entryName) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        onRead(n);
        if (_read > budget)
        {
            throw new ArchiveLimitExceededException(string.Create(CultureInfo.InvariantCulture,
                $"'{entryName}' expanded past {budget:N0} bytes (its declared size or the archive limits); reading stopped"));
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
