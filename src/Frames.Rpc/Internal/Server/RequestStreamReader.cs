using System.Buffers;
using FramesNet.Rpc.Server;
using Google.Protobuf;

namespace FramesNet.Rpc.Internal.Server;

/// <summary>The request stream a client-streaming or duplex handler reads.</summary>
internal sealed class RequestStreamReader<T>(ServerCallContext call, MessageParser<T> parser) : IAsyncStreamReader<T>, IRawMessageReader
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("no current message: call MoveNextAsync first");

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        _current = await call.ReadMessageAsync(parser, cancellationToken).ConfigureAwait(false);
        return _current is not null;
    }

    public ReadOnlySequence<byte> CurrentRaw { get; private set; }

    public async ValueTask<bool> MoveNextRawAsync(CancellationToken cancellationToken = default)
    {
        _current = null;
        var raw = await call.ReadRawAsync(cancellationToken).ConfigureAwait(false);
        CurrentRaw = raw ?? default;
        return raw is not null;
    }
}
