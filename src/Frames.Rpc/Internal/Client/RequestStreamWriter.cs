using Google.Protobuf;

namespace FramesNet.Rpc.Internal.Client;

/// <summary>The request stream of a client-streaming or duplex call.</summary>
internal sealed class RequestStreamWriter<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken = default) => call.WriteAsync(message, cancellationToken);

    public Task CompleteAsync() => call.CompleteRequestAsync();
}
