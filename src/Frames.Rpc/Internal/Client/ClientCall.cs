using FramesNet.Rpc.Client;
using Google.Protobuf;

namespace FramesNet.Rpc.Internal.Client;

/// <summary>
/// One call on the client: sends the request (one frame, or a stream the writer feeds), reads the
/// response headers, frames and trailers, and turns every way a call can end into one final
/// <see cref="Status"/> — the server's, or one made locally for deadline, cancellation, limits and
/// transport failures (<see cref="ClientCall{TRequest, TResponse}.Translate"/>).
/// </summary>
internal sealed partial class ClientCall<TRequest, TResponse> : ICallState
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly RpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Lock _gate = new();
    private readonly bool _deadlinePassedAtStart;
    private CancellationTokenRegistration _userRegistration;
    private Task<HttpResponseMessage> _sendTask = null!;
    private Task<HttpResponseMessage> _headersTask = null!;
    private HttpResponseMessage? _response;
    private StreamFrameReader? _frames;
    private string? _responseEncoding;
    private Status? _status;
    private Metadata _trailers = Metadata.Empty;
    private int _disposed;
    private int _reading;

    public ClientCall(RpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                _deadlinePassedAtStart = true;
            else if (remaining.TotalMilliseconds < int.MaxValue)
                _cancellation.CancelAfter(remaining);
        }
        // Disposing the response is what resets an HTTP/2 stream whose headers have arrived; a cancelled
        // token alone only stops the read in progress.
        _cancellation.Token.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).ReleaseResponse(), this);
        if (options.CancellationToken.CanBeCanceled)
            _userRegistration = options.CancellationToken.UnsafeRegister(static state => ((ClientCall<TRequest, TResponse>)state!).Cancel(), this);
    }

    public Status? Status => _status;

    public Metadata Trailers => _trailers;

    private bool HasDeadline => _options.Deadline is { } deadline && deadline != DateTime.MaxValue;

    public void StartUnary(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int size;
        try
        {
            size = MessageCodec.SizeOf(request, _channel.Options.MaxSendMessageSize);
        }
        catch (RpcException e)
        {
            Start(null, e);
            return;
        }
        Start(new UnaryRequestContent(request, size), null);
    }

    public void StartStreaming()
    {
        RequestContent = new StreamingRequestContent();
        Start(RequestContent, null);
    }

    /// <summary>The request stream's body, for client-streaming and duplex calls.</summary>
    public StreamingRequestContent? RequestContent { get; private set; }

    private void Start(HttpContent? content, Exception? refused)
    {
        if (refused is null && _deadlinePassedAtStart)
            refused = new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded before the call started");
        if (refused is not null || content is null)
        {
            content?.Dispose();
            _sendTask = Task.FromException<HttpResponseMessage>(refused!);
        }
        else
        {
            try
            {
                var request = _channel.CreateRequest(_method.FullName, content, _options);
                _sendTask = _channel.Invoker.SendAsync(request, _cancellation.Token);
            }
            catch (Exception e)
            {
                _sendTask = Task.FromException<HttpResponseMessage>(e);
            }
        }
        _headersTask = ReceiveHeadersAsync();
    }

    /// <summary>Cancels the HTTP/2 stream (RST_STREAM CANCEL); safe from any thread, at any time.</summary>
    private void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call was already disposed: nothing left to cancel.
        }
    }

    private static void Observe(Task? task) =>
        task?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void ReleaseResponse() => Volatile.Read(ref _response)?.Dispose();

    /// <summary>Records the final status (the first one wins, except that an error may replace OK).</summary>
    private void Finish(Status status, Metadata trailers)
    {
        lock (_gate)
        {
            if (_status is { } existing && (existing.Code != StatusCode.OK || status.Code == StatusCode.OK))
                return;
            _status = status;
            _trailers = trailers;
        }
        _userRegistration.Unregister();
        RequestContent?.Abort();
    }

    /// <summary>Ends the call with an error: records it, resets the stream, and returns the exception to throw.</summary>
    private RpcException Fail(Exception exception)
    {
        var error = exception as RpcException ?? Translate(exception);
        Finish(error.Status, error.Trailers);
        Cancel();
        var final = _status!.Value;
        return final == error.Status ? error : new RpcException(final, _trailers);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_status is null)
        {
            Finish(new Status(StatusCode.Cancelled, "Call disposed before it finished"), Metadata.Empty);
            Cancel();
        }
        _userRegistration.Unregister();
        RequestContent?.Abort();
        // A call disposed without reading its outcome must not leave a faulted task unobserved.
        Observe(_headersTask);
        Observe(_singleResponse);
        _response?.Dispose();
        // A read still running owns the frame buffer; it returns it when it ends.
        if (Interlocked.CompareExchange(ref _reading, 0, 0) == 0)
            _frames?.Dispose();
        _cancellation.Dispose();
    }
}
