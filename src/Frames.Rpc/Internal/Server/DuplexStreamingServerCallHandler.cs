using FramesNet.Rpc.Server;
using Google.Protobuf;

namespace FramesNet.Rpc.Internal.Server;

internal sealed class DuplexStreamingServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingHandler<TRequest, TResponse> handler)
    : ServerCallHandler(method.FullName, MethodType.DuplexStreaming)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task HandleAsync(ServerCallContext call)
    {
        // Headers first: some clients wait for them before sending, while the handler waits to read.
        await call.StartResponseAsync().ConfigureAwait(false);
        await handler(new RequestStreamReader<TRequest>(call, method.RequestParser), new ResponseStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}
