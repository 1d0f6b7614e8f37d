using FramesNet.Rpc.Internal.Client;

namespace FramesNet.Rpc.Client;

/// <summary>
/// A running server-streaming call. Read <see cref="ResponseStream"/> (or <see cref="ReadAllAsync"/>) to
/// the end; a non-OK status is thrown as <see cref="RpcException"/> by the read that reaches it.
/// Disposing before the end cancels the call.
/// </summary>
public sealed class ServerStreamingCall<TResponse> : CallState
{
    internal ServerStreamingCall(ICallState call, IAsyncStreamReader<TResponse> responses)
        : base(call) => ResponseStream = responses;

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => ResponseStream.ReadAllAsync(cancellationToken);
}
