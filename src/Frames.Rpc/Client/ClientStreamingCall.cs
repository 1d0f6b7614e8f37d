using System.Runtime.CompilerServices;
using FramesNet.Rpc.Internal.Client;

namespace FramesNet.Rpc.Client;

/// <summary>
/// A running client-streaming call: write to <see cref="RequestStream"/>, complete it, then await
/// <see cref="ResponseAsync"/> (or the call itself). Disposing before the end cancels the call.
/// </summary>
public sealed class ClientStreamingCall<TRequest, TResponse> : CallState
{
    internal ClientStreamingCall(ICallState call, IClientStreamWriter<TRequest> requests, Task<TResponse> response)
        : base(call)
    {
        RequestStream = requests;
        ResponseAsync = response;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The response; faults with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}
