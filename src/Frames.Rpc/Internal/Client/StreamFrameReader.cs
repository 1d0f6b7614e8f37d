using System.Buffers;

namespace FramesNet.Rpc.Internal.Client;

/// <summary>
/// Splits a response body into message frames. One pooled buffer per call holds as much as each read
/// returns; it grows (to exactly one frame) only after the frame header passed the size limit.
/// </summary>
internal sealed class StreamFrameReader(Stream stream) : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _start;
    private int _end;

    /// <summary>The last frame's message bytes; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Payload { get; private set; }

    public bool Compressed { get; private set; }

    /// <summary>Reads the next frame; false at a clean end of the body.</summary>
    public async ValueTask<bool> ReadAsync(int maxLength, CancellationToken cancellationToken)
    {
        while (_end - _start < MessageFrame.HeaderSize)
        {
            if (!await FillAsync(MessageFrame.HeaderSize, cancellationToken).ConfigureAwait(false))
            {
                if (_end == _start)
                    return false;
                throw new RpcException(StatusCode.Internal, $"the response ended inside a message header ({_end - _start} of 5 bytes)");
            }
        }
        var length = MessageFrame.ReadHeader(_buffer.AsSpan(_start, MessageFrame.HeaderSize), maxLength, out var compressed);
        var frameLength = MessageFrame.HeaderSize + length;
        while (_end - _start < frameLength)
        {
            if (!await FillAsync(frameLength, cancellationToken).ConfigureAwait(false))
                throw new RpcException(StatusCode.Internal, $"the response ended inside a message ({_end - _start - MessageFrame.HeaderSize} of {length} bytes)");
        }
        Compressed = compressed;
        Payload = _buffer.AsMemory(_start + MessageFrame.HeaderSize, length);
        _start += frameLength;
        return true;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Reads more bytes, making room for a frame of <paramref name="frameLength"/> first.</summary>
    private async ValueTask<bool> FillAsync(int frameLength, CancellationToken cancellationToken)
    {
        if (_start == _end)
            _start = _end = 0;
        if (_buffer.Length - _start < frameLength)
        {
            var target = _buffer.Length >= frameLength ? _buffer : ArrayPool<byte>.Shared.Rent(frameLength);
            _buffer.AsSpan(_start, _end - _start).CopyTo(target);
            if (!ReferenceEquals(target, _buffer))
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = target;
            }
            _end -= _start;
            _start = 0;
        }
        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
