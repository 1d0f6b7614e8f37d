using FramesNet.Rpc.Server;
using Google.Protobuf;

namespace FramesNet.Rpc.Internal.Server;

/// <summary>The response stream a server-streaming or duplex handler writes; each message is flushed.</summary>
internal sealed class ResponseStreamWriter<T>(ServerCallContext call) : IAsyncStreamWriter<T>
    where T : class, IMessage<T>
{
    public ValueTask WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteMessageAsync(message, cancellationToken);
}
