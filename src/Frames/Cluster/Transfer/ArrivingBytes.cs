using FramesNet.Memory;

namespace FramesNet.Cluster;

/// <summary>
/// An Arrow IPC stream of announced length arriving in chunks, decoded on another thread while it arrives:
/// <see cref="Append"/> copies each chunk into pooled 4 MiB blocks, and <see cref="OpenRead"/> gives a
/// seekable stream of the announced length whose reads wait until their bytes are in. Blocks the reader has
/// passed go back to the pool at once, so a partition is never held encoded and decoded in full at once.
/// One thread appends, one reads; dispose once both are done (the reader's own Dispose keeps the blocks).
/// </summary>
internal sealed class ArrivingBytes : IDisposable
{
    internal const int BlockBytes = 4 << 20;

    private readonly BufferOwner?[] _blocks;
    private readonly long _length;
    private readonly string _source;
    private readonly WriteProgress _progress = new();
    private long _received;

    public ArrivingBytes(long length, string source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _length = length;
        _source = source;
        _blocks = new BufferOwner?[(length + BlockBytes - 1) / BlockBytes];
    }

    /// <summary>Blocks still held (arrived and not yet passed by the reader).</summary>
    internal int HeldBlocks
    {
        get
        {
            lock (_blocks)
                return _blocks.Count(b => b is not null);
        }
    }

    public void Append(in System.Buffers.ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
            Append(segment.Span);
    }

    /// <summary>Copies the next piece in and wakes the reader; more than announced is an error.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _length - _received)
            throw new IOException($"{_source}: the sender announced {_length} bytes and sent more ({_received + bytes.Length} so far)");
        while (!bytes.IsEmpty)
        {
            var index = (int)(_received / BlockBytes);
            var at = (int)(_received % BlockBytes);
            var block = _blocks[index];
            if (block is null)
            {
                block = BufferPool.Shared.Rent((int)Math.Min(BlockBytes, _length - (long)index * BlockBytes));
                lock (_blocks)
                    _blocks[index] = block;
            }
            var n = Math.Min(block.Capacity - at, bytes.Length);
            bytes[..n].CopyTo(block.Span[at..]);
            bytes = bytes[n..];
            _received += n;
        }
        _progress.Advance(_received);
    }

    /// <summary>The sender is done: throws when fewer bytes came than it announced (then <see cref="Fail"/> the reader).</summary>
    public void Complete()
    {
        if (_received != _length)
            throw new IOException($"{_source}: the sender announced {_length} bytes and sent {_received}");
    }

    /// <summary>No more bytes will come: the reader fails with <paramref name="failure"/> where it waits.</summary>
    public void Fail(Exception failure) => _progress.Fail(failure);

    /// <summary>A reader for one thread; <paramref name="cancellationToken"/> ends its waits.</summary>
    public Stream OpenRead(CancellationToken cancellationToken) => new Reader(this, cancellationToken);

    public void Dispose()
    {
        lock (_blocks)
        {
            for (var i = 0; i < _blocks.Length; i++)
            {
                _blocks[i]?.ReturnUnshared();
                _blocks[i] = null;
            }
        }
    }

    private sealed class Reader(ArrivingBytes bytes, CancellationToken cancellationToken) : ReadOnlySeekableStream
    {
        private long _position;
        private int _released;

        public override long Length => bytes._length;

        public override long Position
        {
            get => _position;
            set => _position = value >= _position ? value : throw new NotSupportedException("an arriving stream is read forward only");
        }

        public override int Read(Span<byte> destination)
        {
            if (_position >= bytes._length || destination.IsEmpty)
                return 0;
            while (true)
            {
                // Written is published after the bytes are copied in: everything below it is readable.
                var available = bytes._progress.Written - _position;
                if (available > 0)
                {
                    var index = (int)(_position / BlockBytes);
                    var at = (int)(_position % BlockBytes);
                    var n = (int)Math.Min(Math.Min(available, destination.Length), BlockBytes - at);
                    bytes._blocks[index]!.Span.Slice(at, n).CopyTo(destination);
                    _position += n;
                    ReleasePassed();
                    return n;
                }
                if (bytes._progress.Failure is { } failure)
                    throw failure as IOException ?? new IOException($"{bytes._source}: the stream broke off after {_position} bytes: {failure.Message}", failure);
                bytes._progress.WaitForChange(cancellationToken);
            }
        }

        /// <summary>Returns the blocks wholly behind the reader; the appender only ever writes at or after it.</summary>
        private void ReleasePassed()
        {
            var passed = (int)(_position / BlockBytes);
            for (; _released < passed; _released++)
            {
                lock (bytes._blocks)
                {
                    bytes._blocks[_released]?.ReturnUnshared();
                    bytes._blocks[_released] = null;
                }
            }
        }
    }
}
