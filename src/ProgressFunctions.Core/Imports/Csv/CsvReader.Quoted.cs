namespace ProgressFunctions.Core.Imports.Csv;

/// <summary>The slow path of <see cref="CsvReader"/>: a record holding a quote, unescaped into a record buffer.</summary>
public sealed partial class CsvReader
{
    /// <summary>The record from <see cref="_pos"/> holds a quote: unescape it character by character.</summary>
    private bool ReadQuoted()
    {
        _recordLength = 0;
        _fields = _record;
        _fieldBase = 0;
        var fieldStart = 0;
        var inQuotes = false;
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                UnterminatedQuote = inQuotes;
                EndsWithoutLineEnd = true;
                AddField(fieldStart, _recordLength);
                return true;
            }

            var c = _buffer[_pos++];
            if (inQuotes)
            {
                if (c != '"')
                {
                    _nextLine += c == '\n' ? 1 : 0;
                    Append(c);
                }
                else if (Peek() == '"')
                {
                    _pos++;
                    Append('"');
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (c == _delimiter)
            {
                AddField(fieldStart, _recordLength);
                fieldStart = _recordLength;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && Peek() == '\n')
                {
                    _pos++;
                }

                _nextLine++;
                AddField(fieldStart, _recordLength);
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

    private void Append(char c)
    {
        if (_recordLength == _record.Length)
        {
            Array.Resize(ref _record, _record.Length * 2);
            _fields = _record;
        }

        _record[_recordLength++] = c;
    }
}
