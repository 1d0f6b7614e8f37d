using FramesNet.Memory;

namespace FramesNet.Cluster;

/// <summary>
/// Where the Arrow IPC writer puts a partition on its way out: pooled blocks of exactly one chunk each,
/// handed to the sender as they fill (and back to the pool once sent) instead of one growing buffer
/// copied into a new array per chunk. Dispose returns whatever was not sent.
/// </summary>
internal sealed class ChunkedOutput(int chunkBytes) : Stream
{
    private readonly Queue<BufferOwner> _full = new();
    private BufferOwner? _current;
    private int _used;

    /// <summary>The oldest full chunk, if any; the caller returns it to the pool (<see cref="Return"/>) once sent.</summary>
    public bool TryTakeFull(out BufferOwner chunk, out ReadOnlyMemory<byte> bytes)
    {
        if (_full.TryDequeue(out chunk!))
        {
            bytes = new ReadOnlyMemory<byte>(chunk.Array, chunk.Start, chunkBytes);
            return true;
        }
        bytes = default;
        return false;
    }

    /// <summary>The last, partly filled chunk (after the writer finished), if it holds anything.</summary>
    public bool TryTakeRest(out BufferOwner chunk, out ReadOnlyMemory<byte> bytes)
    {
        if (_current is { } current && _used > 0)
        {
            chunk = current;
            bytes = new ReadOnlyMemory<byte>(current.Array, current.Start, _used);
            _current = null;
            _used = 0;
            return true;
        }
        chunk = null!;
        bytes = default;
        return false;
    }

    public static void Return(BufferOwner chunk) => chunk.ReturnUnshared();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            _current ??= BufferPool.Shared.Rent(chunkBytes);
            var n = Math.Min(chunkBytes - _used, buffer.Length);
            buffer[..n].CopyTo(_current.Span[_used..]);
            buffer = buffer[n..];
            _used += n;
            if (_used == chunkBytes)
            {
                _full.Enqueue(_current);
                _current = null;
                _used = 0;
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            while (_full.TryDequeue(out var chunk))
                Return(chunk);
            _current?.ReturnUnshared();
            _current = null;
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
