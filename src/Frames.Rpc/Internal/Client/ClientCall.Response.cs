using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace FramesNet.Rpc.Internal.Client;

// The response side: headers (or a trailers-only answer), message frames, trailers.
internal sealed partial class ClientCall<TRequest, TResponse>
{
    private Task<TResponse>? _singleResponse;

    /// <summary>Starts reading the one response of a client-streaming call while requests are written.</summary>
    public Task<TResponse> StartSingleResponse() => _singleResponse = ReadSingleResponseAsync();

    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var message = await ReadMessageAsync(default).ConfigureAwait(false)
            ?? throw Fail(new RpcException(StatusCode.Internal, "the response carried no message"));
        if (await ReadMessageAsync(default).ConfigureAwait(false) is not null)
            throw Fail(new RpcException(StatusCode.Internal, "the response carried more than one message"));
        return message;
    }

    /// <summary>The next response message; null at the end of an OK call; throws the status otherwise.</summary>
    public async ValueTask<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        if (!await ReadFrameAsync(cancellationToken).ConfigureAwait(false))
            return null;
        try
        {
            return MessageCodec.Parse(_method.ResponseParser, _frames!.Payload, _frames.Compressed, _responseEncoding, _channel.Options.MaxReceiveMessageSize);
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
    }

    /// <summary>
    /// The next response message's bytes, unparsed (decompressed if need be); valid until the next read.
    /// Null at the end of an OK call; throws the status otherwise.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadRawAsync(CancellationToken cancellationToken)
    {
        if (!await ReadFrameAsync(cancellationToken).ConfigureAwait(false))
            return null;
        if (!_frames!.Compressed)
            return _frames.Payload;
        try
        {
            return MessageCodec.Decompress(new ReadOnlySequence<byte>(_frames.Payload), _responseEncoding, _channel.Options.MaxReceiveMessageSize);
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
    }

    /// <summary>Reads the next frame into <see cref="_frames"/>; false at the end of an OK call; throws the status otherwise.</summary>
    private async ValueTask<bool> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var response = await _headersTask.ConfigureAwait(false);
        if (_status is { } finished)
            return finished.Code == StatusCode.OK ? false : throw new RpcException(finished, _trailers);
        if (Interlocked.Exchange(ref _reading, 1) == 1)
            throw new InvalidOperationException("a response read is already in progress: await each MoveNextAsync before the next");
        try
        {
            using var linked = Link(cancellationToken, out var token);
            _frames ??= new StreamFrameReader(await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false));
            if (await _frames.ReadAsync(_channel.Options.MaxReceiveMessageSize, token).ConfigureAwait(false))
                return true;
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
            if (Volatile.Read(ref _disposed) != 0)
                _frames?.Dispose();
        }
        // The body ended: the status is in the trailers.
        var trailers = response.TrailingHeaders;
        var status = trailers.TryGetValues(GrpcHeaders.Status, out var codes)
            ? GrpcHeaders.ParseStatus(codes.FirstOrDefault(), First(trailers, GrpcHeaders.Message))
            : new Status(StatusCode.Internal, "the response ended without a grpc-status trailer");
        Finish(status, ReadMetadata(trailers));
        _frames?.Dispose();
        return status.Code == StatusCode.OK ? false : throw new RpcException(_status!.Value, _trailers);
    }

    private async Task<HttpResponseMessage> ReceiveHeadersAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await _sendTask.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
        Volatile.Write(ref _response, response);
        if (_cancellation.IsCancellationRequested)
            response.Dispose();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail(new RpcException(FromHttpStatus(response.StatusCode),
                $"Bad gRPC response: HTTP status {(int)response.StatusCode} {response.ReasonPhrase}"));
        }
        if (response.Headers.TryGetValues(GrpcHeaders.Status, out var codes))
        {
            // Trailers-only: the server answered at once, with no messages.
            var status = GrpcHeaders.ParseStatus(codes.FirstOrDefault(), First(response.Headers, GrpcHeaders.Message));
            Finish(status, ReadMetadata(response.Headers));
            if (status.Code != StatusCode.OK)
                throw new RpcException(_status!.Value, _trailers);
            return response;
        }
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcHeaders.IsGrpcContentType(contentType))
            throw Fail(new RpcException(StatusCode.Internal, $"Bad gRPC response: content-type is '{contentType}', not application/grpc"));
        _responseEncoding = First(response.Headers, GrpcHeaders.Encoding);
        if (MessageCodec.CheckEncoding(_responseEncoding) is { } unsupported)
            throw Fail(new RpcException(StatusCode.Internal, unsupported));
        return response;
    }

    private static string? First(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static Metadata ReadMetadata(HttpHeaders headers)
    {
        Metadata? metadata = null;
        foreach (var (key, values) in headers)
        {
            if (GrpcHeaders.IsReserved(key))
                continue;
            metadata ??= new Metadata();
            foreach (var value in values)
                metadata.AddFromWire(key.ToLowerInvariant(), value);
        }
        return metadata ?? Metadata.Empty;
    }

    /// <summary>The call's token, linked with a caller's token when one is given.</summary>
    private CancellationTokenSource? Link(CancellationToken other, out CancellationToken token)
    {
        token = _cancellation.Token;
        if (!other.CanBeCanceled)
            return null;
        var linked = CancellationTokenSource.CreateLinkedTokenSource(token, other);
        token = linked.Token;
        return linked;
    }
}
