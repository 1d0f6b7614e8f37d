using Grpc.Core;

namespace FramesNet.Rpc.Client;

/// <summary>
/// A call's request or response body as the channel's handler sees it: follows the gRPC message framing (a flag
/// byte and a 4-byte big-endian length before each message) and refuses a message over the limit with
/// RESOURCE_EXHAUSTED naming its size and the limit (Grpc.Net.Client's own check names neither). Reads also turn
/// a connection closed for an unanswered keepalive ping into UNAVAILABLE, as gRPC's other libraries answer a
/// lost connection (Grpc.Net.Client calls it INTERNAL, an HTTP/2 protocol error).
/// </summary>
internal sealed class FrameLimitStream(Stream inner, int? limit, string direction, string option, Uri address) : Stream
{
    private const int HeaderSize = 5;
    private readonly byte[] _header = new byte[HeaderSize];
    private int _headerFilled;
    private long _payloadLeft;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception e) when (KeepAliveFailure(e) is { } lost)
        {
            throw Unavailable(lost, e);
        }
        Follow(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KeepAliveFailure(e) is { } lost)
        {
            throw Unavailable(lost, e);
        }
        Follow(buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Follow(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Follow(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Walks the message headers in <paramref name="bytes"/> (skipping payloads) and checks each length against the limit.</summary>
    private void Follow(ReadOnlySpan<byte> bytes)
    {
        if (limit is not { } max)
            return;
        while (!bytes.IsEmpty)
        {
            if (_payloadLeft > 0)
            {
                var skip = (int)Math.Min(_payloadLeft, bytes.Length);
                _payloadLeft -= skip;
                bytes = bytes[skip..];
                continue;
            }
            var take = Math.Min(HeaderSize - _headerFilled, bytes.Length);
            bytes[..take].CopyTo(_header.AsSpan(_headerFilled));
            _headerFilled += take;
            bytes = bytes[take..];
            if (_headerFilled < HeaderSize)
                return;
            _headerFilled = 0;
            _payloadLeft = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
            if (_payloadLeft > max)
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{direction} message larger than max ({_payloadLeft} vs. {max} bytes, the channel's {option})"));
        }
    }

    private RpcException Unavailable(Exception lost, Exception e) =>
        new(new Status(StatusCode.Unavailable, $"lost the connection to {address}: {lost.Message}", e));

    /// <summary>The exception saying SocketsHttpHandler closed the connection because a keepalive ping went unanswered, if that is what happened.</summary>
    internal static Exception? KeepAliveFailure(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is HttpProtocolException && exception.Message.Contains("KeepAlivePing", StringComparison.Ordinal))
                return exception;
        }
        return null;
    }
}
