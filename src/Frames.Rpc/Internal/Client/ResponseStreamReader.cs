using System.Buffers;
using Google.Protobuf;

namespace FramesNet.Rpc.Internal.Client;

/// <summary>The response stream of a server-streaming or duplex call.</summary>
internal sealed class ResponseStreamReader<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>, IRawMessageReader
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private TResponse? _current;

    public TResponse Current => _current ?? throw new InvalidOperationException("no current message: call MoveNextAsync first");

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        _current = await call.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        return _current is not null;
    }

    public ReadOnlySequence<byte> CurrentRaw { get; private set; }

    public async ValueTask<bool> MoveNextRawAsync(CancellationToken cancellationToken = default)
    {
        _current = null;
        var raw = await call.ReadRawAsync(cancellationToken).ConfigureAwait(false);
        CurrentRaw = raw is { } bytes ? new ReadOnlySequence<byte>(bytes) : default;
        return raw is not null;
    }
}
