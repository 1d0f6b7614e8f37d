using Microsoft.Win32.SafeHandles;

namespace FramesNet.Formats.Csv;

/// <summary>One field of a record read by <see cref="CsvRecordReader"/>: its value in the reader's value buffer.</summary>
internal readonly record struct CsvRecordField(int Start, int Length, bool Quoted, long Offset);

/// <summary>
/// A plain, byte-at-a-time RFC 4180 record reader for the few rows that decide a read: the header and the
/// type-inference sample. The bulk of a file goes through <see cref="CsvTokenizer"/> instead.
/// </summary>
internal sealed class CsvRecordReader
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private readonly byte _delimiter;
    private readonly long _fileLength;
    private byte[] _buffer = new byte[16 * 1024];
    private int _at;
    private int _length;
    private long _bufferOffset;
    private byte[] _values = new byte[1024];
    private int _valuesLength;
    private long _lineFeeds;

    /// <summary>Reads from the start of the file, after a UTF-8 byte order mark if there is one.</summary>
    public CsvRecordReader(SafeFileHandle handle, string path, byte delimiter)
    {
        _handle = handle;
        _path = path;
        _delimiter = delimiter;
        _fileLength = RandomAccess.GetLength(handle);
        Fill();
        if (_buffer.AsSpan(0, _length).StartsWith(Bom))
            _at = Bom.Length;
    }

    public List<CsvRecordField> Fields { get; } = [];

    /// <summary>The 1-based physical line the last record read starts on.</summary>
    public long Line { get; private set; }

    /// <summary>File offset after the last record read.</summary>
    public long Position => _bufferOffset + _at;

    public ReadOnlySpan<byte> Value(CsvRecordField field) => _values.AsSpan(field.Start, field.Length);

    public ReadOnlySpan<byte> Value(int index) => Value(Fields[index]);

    /// <summary>Reads the next record into <see cref="Fields"/>; false at the end of the file.</summary>
    public bool Read()
    {
        Fields.Clear();
        _valuesLength = 0;
        if (Peek() < 0)
            return false;
        Line = _lineFeeds + 1;
        while (true)
        {
            var fieldOffset = Position;
            var start = _valuesLength;
            int next;
            if (Peek() == '"')
            {
                _at++;
                ReadQuoted(fieldOffset);
                next = Peek();
                if (next == '\r' && PeekAt(1) == '\n')
                {
                    Take();
                    next = '\n';
                }
                if (next >= 0 && next != _delimiter && next != '\n')
                    throw Error(fieldOffset, "expected a delimiter or line end after the closing quote");
                Fields.Add(new CsvRecordField(start, _valuesLength - start, true, fieldOffset));
            }
            else
            {
                while ((next = Peek()) >= 0 && next != _delimiter && next != '\n')
                {
                    if (next == '"')
                        throw Error(Position, "a quote inside an unquoted field; quote the whole field and double the quotes in it");
                    Append((byte)Take());
                }
                var length = _valuesLength - start;
                if (next == '\n' && length > 0 && _values[_valuesLength - 1] == '\r')
                    length--;
                Fields.Add(new CsvRecordField(start, length, false, fieldOffset));
            }
            if (next < 0)
                return true;
            Take();
            if (next == '\n')
            {
                _lineFeeds++;
                return true;
            }
        }
    }

    private void ReadQuoted(long fieldOffset)
    {
        while (true)
        {
            var b = Take();
            if (b < 0)
                throw Error(fieldOffset, "unterminated quoted field: the quote opened here is not closed before the end of the file");
            if (b == '"')
            {
                if (Peek() != '"')
                    return;
                Take();
            }
            else if (b == '\n')
            {
                _lineFeeds++;
            }
            Append((byte)b);
        }
    }

    private CsvFormatException Error(long offset, string problem)
    {
        var line = new CsvLineLocator(_path).LineAt(offset);
        return new CsvFormatException(_path, line, Fields.Count + 1, null, problem);
    }

    private void Append(byte value)
    {
        if (_valuesLength == _values.Length)
            Array.Resize(ref _values, _values.Length * 2);
        _values[_valuesLength++] = value;
    }

    private int Peek() => _at < _length || Fill() ? _buffer[_at] : -1;

    private int PeekAt(int ahead)
    {
        if (_at + ahead >= _length && !Fill(ahead + 1))
            return -1;
        return _at + ahead < _length ? _buffer[_at + ahead] : -1;
    }

    private int Take()
    {
        var b = Peek();
        if (b >= 0)
            _at++;
        return b;
    }

    /// <summary>Moves the unread bytes to the front and reads more; false when nothing is left.</summary>
    private bool Fill(int wanted = 1)
    {
        var left = _length - _at;
        if (left > 0)
            Buffer.BlockCopy(_buffer, _at, _buffer, 0, left);
        _bufferOffset += _at;
        _at = 0;
        _length = left;
        while (_length < wanted && _bufferOffset + _length < _fileLength)
        {
            if (_length == _buffer.Length)
                Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = RandomAccess.Read(_handle, _buffer.AsSpan(_length), _bufferOffset + _length);
            if (read == 0)
                break;
            _length += read;
        }
        return _length > 0;
    }
}
