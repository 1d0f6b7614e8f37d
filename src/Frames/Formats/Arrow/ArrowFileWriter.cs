using System.Buffers.Binary;
using FramesNet.Columns;
using FramesNet.Formats.Arrow.Flatbuffers;
using FramesNet.Formats.Arrow.Messages;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Writes the Arrow IPC file format: <c>ARROW1</c> and padding, the stream (schema, dictionary and record
/// batches, end-of-stream marker), then on <see cref="Finish"/> the footer with the schema and every
/// message's location, its length and <c>ARROW1</c>. The file format forbids replacing a dictionary, so
/// a dictionary that changes between batches is merged and sent as deltas.
/// </summary>
public sealed class ArrowFileWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly IpcWriter _writer;
    private bool _started;
    private bool _finished;
    private bool _broken;
    private bool _disposed;

    public ArrowFileWriter(Stream stream, Schema schema, bool leaveOpen = false)
    {
        _writer = new IpcWriter(stream, schema, allowReplacement: false);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/>.</summary>
    public static ArrowFileWriter Create(string path, Schema schema) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16), schema);

    public Schema Schema => _writer.Schema.Schema;

    public void Write(RecordBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
            throw new InvalidOperationException("the file is finished; no more batches can be written");
        Guard(() =>
        {
            Start();
            _writer.WriteBatch(batch);
        });
    }

    /// <summary>Writes the end-of-stream marker, the footer and the trailing magic, and flushes.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
            return;
        Guard(() =>
        {
            Start();
            var messages = _writer.Messages;
            messages.WriteEndOfStream();
            var footer = new Footer(_writer.Schema, _writer.DictionaryBlocks.ToArray(), _writer.RecordBatchBlocks.ToArray());
            var bytes = FooterCodec.Encode(new FlatBufferBuilder(), footer);
            messages.WriteBytes(bytes);
            Span<byte> trailer = stackalloc byte[10];
            BinaryPrimitives.WriteInt32LittleEndian(trailer, bytes.Length);
            ArrowFileReader.Magic.CopyTo(trailer[4..]);
            messages.WriteBytes(trailer);
            _stream.Flush();
        });
        _finished = true;
    }

    private void Start()
    {
        if (_started)
            return;
        _writer.Messages.WriteBytes("ARROW1\0\0"u8);
        _writer.WriteSchema();
        _started = true;
    }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch
        {
            _broken = true;
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        try
        {
            if (!_finished && !_broken)
                Finish();
        }
        finally
        {
            _disposed = true;
            _writer.Dispose();
            if (!_leaveOpen)
                _stream.Dispose();
        }
    }
}
