using System.Net;

namespace FramesNet.Rpc.Internal.Client;

/// <summary>
/// The body of a client-streaming or duplex request. SocketsHttpHandler hands over the request stream
/// when it starts sending the body; the call's writer then writes frames to it, and completing the task
/// returned here ends the stream (END_STREAM).
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent() => Headers.TryAddWithoutValidation("content-type", GrpcHeaders.ContentType);

    /// <summary>Completes when the handler starts sending the body.</summary>
    public Task<Stream> StreamTask => _stream.Task;

    /// <summary>The caller ended the request stream (<see cref="Complete"/>).</summary>
    public bool IsCompleted => _completed.Task.IsCompletedSuccessfully;

    /// <summary>The request stream was given up: the call was cancelled, or its response ended first.</summary>
    public bool IsAborted => _completed.Task.IsCanceled;

    /// <summary>Ends the request stream.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Gives up on the request stream (the call was cancelled or ended).</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _completed.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // The handler cancels this token when the response ends before the request does.
        if (cancellationToken.CanBeCanceled)
            cancellationToken.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetCanceled(), _completed);
        _stream.TrySetResult(stream);
        return _completed.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
