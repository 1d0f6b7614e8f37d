using System.Buffers;
using FramesNet.Memory;

namespace FramesNet.Cluster;

/// <summary>
/// The bytes of one partition as they arrive, copied into pooled blocks (no per-message arrays), and
/// read back as a seekable stream, so the Arrow reader can size each body exactly before reading it.
/// Dispose returns the blocks.
/// </summary>
internal sealed class ReceivedBytes : IDisposable
{
    private const int BlockBytes = 4 << 20;

    private readonly List<BufferOwner> _blocks = [];
    private long _length;

    public long Length => _length;

    public void Append(in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
            Append(segment.Span);
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var used = (int)(_length % BlockBytes);
            if (used == 0 && _length / BlockBytes == _blocks.Count)
                _blocks.Add(BufferPool.Shared.Rent(BlockBytes));
            var room = _blocks[^1].Span[used..BlockBytes];
            var n = Math.Min(room.Length, bytes.Length);
            bytes[..n].CopyTo(room);
            bytes = bytes[n..];
            _length += n;
        }
    }

    /// <summary>A read-only view of everything appended so far; valid until this is disposed.</summary>
    public Stream OpenRead() => new Reader(this);

    public void Dispose()
    {
        foreach (var block in _blocks)
            block.ReturnUnshared();
        _blocks.Clear();
        _length = 0;
    }

    private sealed class Reader(ReceivedBytes bytes) : ReadOnlySeekableStream
    {
        private long _position;

        public override long Length => bytes._length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(Span<byte> destination)
        {
            var copied = 0;
            while (copied < destination.Length && _position < bytes._length)
            {
                var block = (int)(_position / BlockBytes);
                var at = (int)(_position % BlockBytes);
                var available = (int)Math.Min(BlockBytes - at, bytes._length - _position);
                var n = Math.Min(available, destination.Length - copied);
                bytes._blocks[block].Span.Slice(at, n).CopyTo(destination[copied..]);
                copied += n;
                _position += n;
            }
            return copied;
        }
    }
}
