using FramesNet.Rpc.Server;
using Google.Protobuf;

namespace FramesNet.Rpc.Internal.Server;

internal sealed class ClientStreamingServerCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingHandler<TRequest, TResponse> handler)
    : ServerCallHandler(method.FullName, MethodType.ClientStreaming)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task HandleAsync(ServerCallContext call)
    {
        var response = await handler(new RequestStreamReader<TRequest>(call, method.RequestParser), call).ConfigureAwait(false);
        if (call.Status.Code == StatusCode.OK)
            call.WriteMessage(response);
    }
}
