using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>
/// A forward-only RFC 4180 reader over a <see cref="TextReader"/>: quoted fields may hold delimiters, doubled quotes
/// and line breaks. Fields of the current record are exposed as spans, so reading allocates nothing per row; call
/// <see cref="GetString"/> only for values that must outlive the row.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Line"/> is the 1-based physical line on which the current record starts. A record whose closing quote
/// never comes (a truncated file) is returned with <see cref="UnterminatedQuote"/> set. A line ends at CR, LF or CRLF;
/// a last line without one is still a record, with <see cref="EndsWithoutLineEnd"/> set.
/// </para>
/// <para>
/// Written here rather than read with Sep because the import reports a quote left open, keeps reading after a row
/// with the wrong number of fields, and names physical lines in its messages, which this shape makes direct; the
/// benchmark <c>AttendanceReadBenchmark</c> holds it to Sep's rate on the same work. A record without a quote
/// (nearly every row of an export) is split in place in the read buffer, 16 characters compared at a time; a record
/// with one is unescaped character by character into a record buffer.
/// </para>
/// </remarks>
public sealed partial class CsvReader
{
    // 32K characters, 64 KB: under the large object heap's threshold, so a reader per file stays a short-lived object.
    private const int BufferSize = 1 << 15;
    /// <summary>The characters one <see cref="Vector256{T}"/> of <see cref="ushort"/> holds.</summary>
    private const int Width = 16;
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private char[] _buffer = new char[BufferSize];
    private int _pos;
    private int _len;
    private bool _eof;
    private char[] _record = new char[256];
    private int _recordLength;
    private char[] _fields = [];
    private int _fieldBase;
    private int[] _starts = new int[32];
    private int[] _ends = new int[32];
    private int _nextLine = 1;
    private readonly Vector256<ushort> _delimiterVector;

    public CsvReader(TextReader reader, char delimiter = ',')
    {
        _reader = reader;
        _delimiter = delimiter;
        _delimiterVector = Vector256.Create((ushort)delimiter);
    }

    public int Line { get; private set; }

    public int FieldCount { get; private set; }

    public bool UnterminatedQuote { get; private set; }

    /// <summary>True when the input ends in the current record, with no line end after it: a complete last line, or a file cut short in the middle of one.</summary>
    public bool EndsWithoutLineEnd { get; private set; }

    /// <summary>The 1-based physical line the current record ends on: after <see cref="Line"/> when a quoted field holds a line break.</summary>
    public int LastLine => EndsWithoutLineEnd ? _nextLine : _nextLine - 1;

    /// <summary>True when the record holds no text: an empty line, or a line of empty fields (Excel saves ",,,," for a row it once held).</summary>
    public bool IsBlank
    {
        get
        {
            for (var i = 0; i < FieldCount; i++)
            {
                if (!this[i].IsWhiteSpace())
                {
                    return false;
                }
            }

            return true;
        }
    }

    public ReadOnlySpan<char> this[int index] => _fields.AsSpan(_fieldBase + _starts[index], _ends[index] - _starts[index]);

    public string GetString(int index) => this[index].Trim().ToString();

    /// <summary>Moves to the next record; false at the end of the input.</summary>
    public bool Read()
    {
        FieldCount = 0;
        UnterminatedQuote = false;
        EndsWithoutLineEnd = false;
        Line = _nextLine;

        // Offsets are from the record's start (_pos), which stays valid when the buffer is refilled; the delimiters in
        // the first `scanned` characters are already recorded as field ends.
        var scanned = 0;
        var fieldStart = 0;
        while (true)
        {
            var (buffer, start, end) = (_buffer, _pos, _len);
            var p = start + scanned;
            for (; p < end; p += Width)
            {
                for (var bits = p + Width <= end ? Stops(buffer, p) : TailStops(buffer, p, end); bits != 0; bits &= bits - 1)
                {
                    var at = p + BitOperations.TrailingZeroCount(bits) - start;
                    var c = buffer[start + at];
                    if (c == _delimiter)
                    {
                        AddField(fieldStart, at);
                        fieldStart = at + 1;
                    }
                    else if (c == '"')
                    {
                        FieldCount = 0;
                        return ReadQuoted();
                    }
                    else if (c == '\n' || start + at + 1 < end || _eof)
                    {
                        AddField(fieldStart, at);
                        EndLine(at, c);
                        return true;
                    }
                    else
                    {
                        // A CR last in the buffer may be the first half of a CRLF: stop the scan at it and read on.
                        end = start + at;
                        p = end - Width;
                        break;
                    }
                }
            }

            scanned = Math.Min(p, end) - start;
            if (_eof)
            {
                if (_pos == _len)
                {
                    return false;
                }

                AddField(fieldStart, _len - _pos);
                EndInBuffer(_len - _pos);
                EndsWithoutLineEnd = true;
                return true;
            }

            Fill();
        }
    }

    private void EndLine(int at, char c)
    {
        EndInBuffer(at + 1);
        // A CR last in the buffer ends a record only at the end of the input (see Read), so no refill is needed here.
        if (c == '\r' && _pos < _len && _buffer[_pos] == '\n')
        {
            _pos++;
        }

        _nextLine++;
    }

    /// <summary>A bit for each delimiter, quote or line break among the 16 characters from <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Stops(char[] buffer, int at)
    {
        var chars = Vector256.LoadUnsafe(ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetArrayDataReference(buffer)), (nuint)at);
        var hits = Vector256.Equals(chars, _delimiterVector) | Vector256.Equals(chars, Vector256.Create((ushort)'\n'))
            | Vector256.Equals(chars, Vector256.Create((ushort)'\r')) | Vector256.Equals(chars, Vector256.Create((ushort)'"'));
        return hits.ExtractMostSignificantBits();
    }

    /// <summary>As <see cref="Stops"/> for the fewer than 16 characters before <paramref name="end"/>.</summary>
    private uint TailStops(char[] buffer, int at, int end)
    {
        var bits = 0u;
        for (var i = at; i < end; i++)
        {
            var c = buffer[i];
            bits |= c == _delimiter || c is '\n' or '\r' or '"' ? 1u << (i - at) : 0;
        }

        return bits;
    }

    private void EndInBuffer(int consumed)
    {
        _fields = _buffer;
        _fieldBase = _pos;
        _pos += consumed;
    }

    /// <summary>Reads more text after what is not yet consumed (moved to the front); false at the end of the input.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        _len -= _pos;
        Array.Copy(_buffer, _pos, _buffer, 0, _len);
        _pos = 0;
        if (_len == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _reader.Read(_buffer, _len, _buffer.Length - _len);
        _len += read;
        _eof = read == 0;
        return !_eof;
    }

    private void AddField(int start, int end)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _starts[FieldCount] = start;
        _ends[FieldCount++] = end;
    }
}
