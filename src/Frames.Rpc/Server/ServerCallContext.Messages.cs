using System.Buffers;
using FramesNet.Rpc.Internal;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace FramesNet.Rpc.Server;

// Reading requests from Kestrel's body pipe and writing responses to its output pipe, without copies:
// a request message is parsed straight from the pipe's segments, a response serialized into them.
public sealed partial class ServerCallContext
{
    private int _writing;

    /// <summary>Set once a message went into the body (flushed or not): the status must then be a trailer.</summary>
    private bool _wroteMessage;

    /// <summary>The end of a payload lent out by <see cref="ReadRawAsync"/>: the pipe is advanced past it at the next read.</summary>
    private SequencePosition? _lentUntil;

    /// <summary>The next request message, or null at the end of the request stream.</summary>
    internal async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var (found, payload, compressed) = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        if (!found)
            return null;
        try
        {
            return MessageCodec.Parse(parser, payload, compressed, RequestEncoding, MaxReceiveMessageSize);
        }
        finally
        {
            ReleaseLentPayload();
        }
    }

    /// <summary>
    /// The next request message's bytes, unparsed, straight from the body pipe's segments (decompressed
    /// into an array if need be); valid until the next read. Null at the end of the request stream.
    /// </summary>
    internal async ValueTask<ReadOnlySequence<byte>?> ReadRawAsync(CancellationToken cancellationToken)
    {
        var (found, payload, compressed) = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        if (!found)
            return null;
        if (!compressed)
            return payload;
        try
        {
            return new ReadOnlySequence<byte>(MessageCodec.Decompress(payload, RequestEncoding, MaxReceiveMessageSize));
        }
        finally
        {
            ReleaseLentPayload();
        }
    }

    /// <summary>
    /// Waits for the next whole frame in the body pipe and leaves it there (lent) until the next read;
    /// Found is false at the end of the request stream.
    /// </summary>
    private async ValueTask<(bool Found, ReadOnlySequence<byte> Payload, bool Compressed)> ReadFrameAsync(CancellationToken cancellationToken)
    {
        ReleaseLentPayload();
        using var linked = Link(cancellationToken, out var token);
        var reader = HttpContext.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var lent = false;
            try
            {
                if (MessageFrame.TryRead(buffer, MaxReceiveMessageSize, out var compressed, out var payload))
                {
                    _lentUntil = payload.End;
                    lent = true;
                    return (true, payload, compressed);
                }
                if (result.IsCompleted)
                {
                    if (buffer.IsEmpty)
                        return (false, default, false);
                    throw new RpcException(StatusCode.Internal, $"the request ended inside a message frame ({buffer.Length} bytes of a frame received)");
                }
                if (result.IsCanceled)
                    throw new OperationCanceledException(token);
            }
            finally
            {
                if (!lent)
                    reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <summary>Gives the pipe back the bytes of the last frame read.</summary>
    internal void ReleaseLentPayload()
    {
        if (_lentUntil is { } end)
        {
            _lentUntil = null;
            HttpContext.Request.BodyReader.AdvanceTo(end);
        }
    }

    /// <summary>Reads the one request of a unary or server-streaming call.</summary>
    internal async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser, default).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "the request carried no message");
        if (await ReadMessageAsync(parser, default).ConfigureAwait(false) is not null)
            throw new RpcException(StatusCode.Internal, "the request carried more than one message");
        return message;
    }

    /// <summary>Serializes one framed message into the response body, unflushed.</summary>
    internal void WriteMessage(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = MessageCodec.SizeOf(message, MaxSendMessageSize);
        var writer = HttpContext.Response.BodyWriter;
        _wroteMessage = true;
        MessageFrame.WriteHeader(writer.GetSpan(MessageFrame.HeaderSize), size);
        writer.Advance(MessageFrame.HeaderSize);
        message.WriteTo(writer);
    }

    /// <summary>Writes one message and flushes it to the client (streaming responses).</summary>
    internal async ValueTask WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _writing, 1) == 1)
            throw new InvalidOperationException("a response write is already in progress: await each WriteAsync before the next");
        try
        {
            CancellationToken.ThrowIfCancellationRequested();
            WriteMessage(message);
            using var linked = Link(cancellationToken, out var token);
            var flush = await HttpContext.Response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
            if (flush.IsCanceled)
                throw new OperationCanceledException(token);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Sends the response headers now, so a client waiting for them before writing is not stalled.</summary>
    internal async ValueTask StartResponseAsync()
    {
        if (!HttpContext.Response.HasStarted)
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
    }

    internal string? RequestEncoding => HttpContext.Request.Headers[GrpcHeaders.Encoding] is { Count: > 0 } values ? values[0] : null;

    /// <summary>The call's token, linked with a caller's token when one is given.</summary>
    private CancellationTokenSource? Link(CancellationToken other, out CancellationToken token)
    {
        if (!other.CanBeCanceled || other == CancellationToken)
        {
            token = CancellationToken;
            return null;
        }
        var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, other);
        token = linked.Token;
        return linked;
    }
}
