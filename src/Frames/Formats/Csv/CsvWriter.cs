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
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CsvWriteOptions _options;
    private readonly CsvOutput _output;
    private readonly byte _delimiter;
    private readonly byte[] _newLine;
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
        _output = new CsvOutput(_delimiter, Encoding.UTF8.GetBytes(_options.NullValue), FlushBytes + 64 * 1024);
    }

    /// <summary>A writer to a new file at <paramref name="path"/> (replaced if it exists).</summary>
    public static CsvWriter Create(string path, Schema schema, CsvWriteOptions? options = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan), schema, options);

    public Schema Schema { get; }

    /// <summary>Bytes handed to the stream so far (call <see cref="Flush"/> first for an exact count).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Appends the batch's rows (its columns must have the writer's types, in order).</summary>
    public void Write(RecordBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(batch);
        CheckSchema(batch.Schema);
        WriteHeader();
        var writers = batch.Columns.Select(CsvColumnWriter.For).ToArray();
        for (var row = 0; row < batch.Length; row++)
        {
            for (var c = 0; c < writers.Length; c++)
            {
                if (c > 0)
                    _output.Put(_delimiter);
                writers[c].Write(row, _output);
            }
            _output.Put(_newLine);
            if (_output.Length >= FlushBytes)
                Drain();
        }
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
        for (var i = 0; i < Schema.Count; i++)
        {
            if (i > 0)
                _output.Put(_delimiter);
            _output.PutString(Encoding.UTF8.GetBytes(Schema[i].Name));
        }
        _output.Put(_newLine);
    }

    private void Drain()
    {
        _stream.Write(_output.Written);
        BytesWritten += _output.Length;
        _output.Length = 0;
    }

    private void CheckSchema(Schema schema)
    {
        if (schema.Count != Schema.Count)
            throw new ArgumentException($"the batch has {schema.Count} columns, the CSV file {Schema.Count}");
        for (var i = 0; i < schema.Count; i++)
            if (schema[i].Type != Schema[i].Type)
                throw new ArgumentException($"column {i + 1} ('{schema[i].Name}') of the batch is {schema[i].Type}, the CSV file's is {Schema[i].Type}");
    }
}
