using FramesNet.Columns;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Writes the Arrow IPC stream format: the Schema message, then for each batch any dictionary batches its
/// dictionary-encoded columns need (the first dictionary, a delta when a later dictionary extends it, a
/// replacement otherwise) and the record batch; <see cref="Finish"/> writes the end-of-stream marker.
/// </summary>
public sealed class ArrowStreamWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly IpcWriter _writer;
    private bool _started;
    private bool _finished;
    private bool _broken;
    private bool _disposed;

    public ArrowStreamWriter(Stream stream, Schema schema, bool leaveOpen = false)
    {
        _writer = new IpcWriter(stream, schema, allowReplacement: true);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    public Schema Schema => _writer.Schema.Schema;

    public void Write(RecordBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
            throw new InvalidOperationException("the stream is finished; no more batches can be written");
        Guard(() =>
        {
            Start();
            _writer.WriteBatch(batch);
        });
    }

    /// <summary>Writes the end-of-stream marker (and the schema, if no batch was written) and flushes.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
            return;
        Guard(() =>
        {
            Start();
            _writer.Messages.WriteEndOfStream();
            _stream.Flush();
        });
        _finished = true;
    }

    private void Start()
    {
        if (_started)
            return;
        _writer.WriteSchema();
        _started = true;
    }

    /// <summary>A write that failed halfway leaves a broken stream: Dispose must not add an end marker to it.</summary>
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
