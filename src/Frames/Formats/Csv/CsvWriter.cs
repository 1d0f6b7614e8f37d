using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;
using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Writes record batches as CSV (RFC 4180, UTF-8) that <see cref="CsvReader"/> reads back to the same values: fields
/// holding the delimiter, a quote, CR or LF are quoted with quotes doubled; a null is empty and an empty string is
/// <c>""</c>; floats print their shortest round-trip text, date32 <c>YYYY-MM-DD</c>, timestamps ISO-8601 (with
/// <c>Z</c> when the type has a zone), bools <c>true</c>/<c>false</c>.
/// </summary>
public sealed class CsvWriter : IDisposable
{
    private const int FlushBytes = 1 << 20;
    private const int BlockRows = 1024;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CsvWriteOptions _options;
    private readonly CsvQuoting _quoting;
    private readonly byte _delimiter;
    private readonly byte[] _newLine;
    private CsvFieldBlock[] _blocks = [];
    private byte[] _output = new byte[FlushBytes + 64 * 1024];
    private int _length;
    private bool _headerDone;
    private bool _disposed;

    public CsvWriter(Stream stream, Schema schema, CsvWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _options = options ?? new CsvWriteOptions();
        _options.Validate();
        _stream = stream;
        _leaveOpen = leaveOpen;
        Schema = schema;
        _delimiter = (byte)_options.Delimiter;
        _newLine = Encoding.ASCII.GetBytes(_options.NewLine);
        _quoting = new CsvQuoting(_delimiter, Encoding.UTF8.GetBytes(_options.NullValue));
    }

    /// <summary>A writer to a new file at <paramref name="path"/> (replaced if it exists).</summary>
    public static CsvWriter Create(string path, Schema schema, CsvWriteOptions? options = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan), schema, options);

    public Schema Schema { get; }

    /// <summary>Bytes handed to the stream so far (call <see cref="Flush"/> first for an exact count).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>
    /// Appends the batch's rows: its columns must have the writer's types, in order, however stored (a
    /// dictionary-encoded column is written as its values).
    /// </summary>
    public void Write(RecordBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(batch);
        CheckSchema(batch.Schema);
        WriteHeader();
        var writers = batch.Columns.Select(c => CsvColumnWriter.For(c is DictionaryColumn d ? d.Decode() : c, _quoting)).ToArray();
        if (_blocks.Length < writers.Length)
            _blocks = Enumerable.Range(0, writers.Length).Select(_ => new CsvFieldBlock()).ToArray();
        // A block of rows column by column, then interleaved into lines.
        for (var first = 0; first < batch.Length; first += BlockRows)
        {
            var rows = Math.Min(BlockRows, batch.Length - first);
            for (var c = 0; c < writers.Length; c++)
                writers[c].Format(first, rows, _blocks[c]);
            Interleave(rows, writers.Length);
            if (_length >= FlushBytes)
                Drain();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Interleave(int rows, int columns)
    {
        var bytes = (long)rows * (columns + _newLine.Length);
        for (var c = 0; c < columns; c++)
            bytes += _blocks[c].Length;
        if (_length + bytes + CsvFieldBlock.Slack > _output.Length)
        {
            Drain();
            if (bytes + CsvFieldBlock.Slack > _output.Length)
                _output = new byte[bytes + CsvFieldBlock.Slack];
        }
        var at = _length;
        var newLine = _newLine;
        fixed (byte* output = _output)
        {
            for (var row = 0; row < rows; row++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var block = _blocks[c];
                    var start = row == 0 ? 0 : block.Ends[row - 1];
                    var size = block.Ends[row] - start;
                    fixed (byte* source = &block.Bytes[start])
                    {
                        // Most fields are short: one fixed 32-byte copy (both buffers have slack for it).
                        if (size <= 32)
                            Unsafe.CopyBlockUnaligned(output + at, source, 32);
                        else
                            Buffer.MemoryCopy(source, output + at, size, size);
                    }
                    at += size;
                    output[at++] = _delimiter;
                }
                if (columns > 0)
                    at--; // no delimiter after the last field
                for (var i = 0; i < newLine.Length; i++)
                    output[at++] = newLine[i];
            }
        }
        _length = at;
    }

    /// <summary>Writes the header if nothing was written yet, and pushes buffered bytes to the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteHeader();
        Drain();
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        Flush();
        _disposed = true;
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private void WriteHeader()
    {
        if (_headerDone)
            return;
        _headerDone = true;
        if (!_options.WriteHeader)
            return;
        var header = new CsvFieldBlock();
        for (var i = 0; i < Schema.Count; i++)
        {
            if (i > 0)
                header.Put([_delimiter]);
            _quoting.PutString(Encoding.UTF8.GetBytes(Schema[i].Name), header);
        }
        header.Put(_newLine);
        _stream.Write(header.Bytes, 0, header.Length);
        BytesWritten += header.Length;
    }

    private void Drain()
    {
        _stream.Write(_output, 0, _length);
        BytesWritten += _length;
        _length = 0;
    }

    private void CheckSchema(Schema schema)
    {
        if (schema.Count != Schema.Count)
            throw new ArgumentException($"the batch has {schema.Count} columns, the CSV file {Schema.Count}");
        for (var i = 0; i < schema.Count; i++)
            if (schema[i].Type.Logical != Schema[i].Type.Logical)
                throw new ArgumentException($"column {i + 1} ('{schema[i].Name}') of the batch is {schema[i].Type}, the CSV file's is {Schema[i].Type}");
    }
}
