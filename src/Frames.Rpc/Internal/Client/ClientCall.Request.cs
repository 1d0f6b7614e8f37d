namespace FramesNet.Rpc.Internal.Client;

// The request side of client-streaming and duplex calls.
internal sealed partial class ClientCall<TRequest, TResponse>
{
    private int _writing;

    public async ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = RequestContent ?? throw new InvalidOperationException("this call has no request stream");
        if (Interlocked.Exchange(ref _writing, 1) == 1)
            throw new InvalidOperationException("a request write is already in progress: await each WriteAsync before the next");
        try
        {
            if (_status is { } finished)
                throw finished.Code == StatusCode.OK ? new InvalidOperationException("the call has already finished") : new RpcException(finished, _trailers);
            if (content.IsCompleted)
                throw new InvalidOperationException("the request stream is already complete");
            if (content.IsAborted)
                throw await EndedBeforeWriteAsync(cancellationToken).ConfigureAwait(false);
            int size;
            try
            {
                size = MessageCodec.SizeOf(message, _channel.Options.MaxSendMessageSize);
            }
            catch (RpcException e)
            {
                throw Fail(e);
            }
            var stream = await GetRequestStreamAsync(content).ConfigureAwait(false);
            var frame = Frame.Rent(message, size);
            try
            {
                using var linked = Link(cancellationToken, out var token);
                await stream.WriteAsync(frame.Memory, token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not RpcException)
            {
                throw await WriteFailedAsync(e, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                frame.Return();
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public Task CompleteRequestAsync()
    {
        RequestContent?.Complete();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The request stream was given up before this write: the call was cancelled, or the response ended
    /// first (a server that refuses a stream answers before reading it). The latter is reported with the
    /// server's status, which may still be on its way.
    /// </summary>
    private async ValueTask<Exception> EndedBeforeWriteAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || _cancellation.IsCancellationRequested)
            return Fail(new OperationCanceledException(cancellationToken));
        try
        {
            await _headersTask.ConfigureAwait(false);
        }
        catch (RpcException rpc)
        {
            return rpc;
        }
        return _status is { Code: not StatusCode.OK } status
            ? new RpcException(status, _trailers)
            : new InvalidOperationException("the server ended the call before this write; its status comes with the response stream");
    }

    /// <summary>The request body stream, once the handler asks for the body.</summary>
    private async ValueTask<Stream> GetRequestStreamAsync(StreamingRequestContent content)
    {
        var streamTask = content.StreamTask;
        if (!streamTask.IsCompleted)
        {
            await Task.WhenAny(streamTask, _sendTask).ConfigureAwait(false);
            if (!streamTask.IsCompleted)
            {
                // The response (or a failure) came first: an error status is the real answer.
                await _headersTask.ConfigureAwait(false);
                if (_status is not null)
                    throw new InvalidOperationException("the call has already finished");
            }
        }
        try
        {
            return await streamTask.WaitAsync(_cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
    }

    /// <summary>
    /// A write fails when the server has already answered and reset the request stream; its status is
    /// then the real reason, so it is read before anything is reported.
    /// </summary>
    private async ValueTask<Exception> WriteFailedAsync(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || _cancellation.IsCancellationRequested)
            return Fail(exception);
        try
        {
            if (_singleResponse is not null)
                await _singleResponse.ConfigureAwait(false);
            else
                await _headersTask.ConfigureAwait(false); // a failed write means the stream was reset: the answer is coming
        }
        catch (RpcException rpc)
        {
            return rpc;
        }
        return _status is { Code: not StatusCode.OK } status ? new RpcException(status, _trailers) : Fail(exception);
    }
}
