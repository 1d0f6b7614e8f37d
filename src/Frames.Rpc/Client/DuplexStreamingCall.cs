using FramesNet.Rpc.Internal.Client;

namespace FramesNet.Rpc.Client;

/// <summary>
/// A running bidirectional call: write to <see cref="RequestStream"/> and read <see cref="ResponseStream"/>
/// independently (one writer and one reader at a time). Disposing before the end cancels the call.
/// </summary>
public sealed class DuplexStreamingCall<TRequest, TResponse> : CallState
{
    internal DuplexStreamingCall(ICallState call, IClientStreamWriter<TRequest> requests, IAsyncStreamReader<TResponse> responses)
        : base(call)
    {
        RequestStream = requests;
        ResponseStream = responses;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => ResponseStream.ReadAllAsync(cancellationToken);
}
