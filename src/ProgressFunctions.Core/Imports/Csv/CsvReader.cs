namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>
/// A forward-only RFC 4180 reader over a <see cref="TextReader"/>: quoted fields may hold delimiters, doubled quotes
/// and line breaks. Fields of the current record are exposed as spans over a reused buffer, so reading allocates
/// nothing per row; call <see cref="GetString"/> only for values that must outlive the row.
/// </summary>
/// <remarks>
/// <see cref="Line"/> is the 1-based physical line on which the current record starts. A record whose closing quote
/// never comes (a truncated file) is returned with <see cref="UnterminatedQuote"/> set.
/// </remarks>
public sealed class CsvReader
{
    private const int BufferSize = 1 << 16;
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly char[] _buffer = new char[BufferSize];
    private int _pos;
    private int _len;
    private char[] _record = new char[256];
    private int _recordLength;
    private int[] _fieldEnds = new int[32];
    private int _nextLine = 1;
    private bool _eof;

    public CsvReader(TextReader reader, char delimiter = ',')
    {
        _reader = reader;
        _delimiter = delimiter;
    }

    public int Line { get; private set; }

    public int FieldCount { get; private set; }

    public bool UnterminatedQuote { get; private set; }

    /// <summary>True when the record is an empty line (one empty field).</summary>
    public bool IsBlank => FieldCount == 1 && _fieldEnds[0] == 0;

    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            var start = index == 0 ? 0 : _fieldEnds[index - 1];
            return _record.AsSpan(start, _fieldEnds[index] - start);
        }
    }

    public string GetString(int index) => this[index].Trim().ToString();

    /// <summary>Moves to the next record; false at the end of the input.</summary>
    public bool Read()
    {
        FieldCount = 0;
        _recordLength = 0;
        UnterminatedQuote = false;
        Line = _nextLine;
        var fieldStart = 0;
        var inQuotes = false;
        var any = false;
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                if (!any)
                {
                    return false;
                }

                UnterminatedQuote = inQuotes;
                EndField();
                return true;
            }

            var c = _buffer[_pos++];
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (Peek() == '"')
                    {
                        _pos++;
                        Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _nextLine++;
                    }

                    Append(c);
                }
            }
            else if (c == _delimiter)
            {
                EndField();
                fieldStart = _recordLength;
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && Peek() == '\n')
                {
                    _pos++;
                }

                _nextLine++;
                EndField();
                return true;
            }
            else if (c == '"' && _recordLength == fieldStart)
            {
                inQuotes = true;
            }
            else
            {
                Append(c);
            }
        }
    }

    private char Peek() => _pos < _len || Fill() ? _buffer[_pos] : '\0';

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        _eof = _len == 0;
        return !_eof;
    }

    private void Append(char c)
    {
        if (_recordLength == _record.Length)
        {
            Array.Resize(ref _record, _record.Length * 2);
        }

        _record[_recordLength++] = c;
    }

    private void EndField()
    {
        if (FieldCount == _fieldEnds.Length)
        {
            Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        }

        _fieldEnds[FieldCount++] = _recordLength;
    }
}
