using System.Buffers;
using System.Net;
using Google.Protobuf;

namespace FramesNet.Rpc.Internal.Client;

/// <summary>The body of a unary or server-streaming request: one frame, its length known up front.</summary>
internal sealed class UnaryRequestContent : HttpContent
{
    private readonly IMessage _message;
    private readonly int _size;

    public UnaryRequestContent(IMessage message, int size)
    {
        _message = message;
        _size = size;
        Headers.TryAddWithoutValidation("content-type", GrpcHeaders.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var frame = Frame.Rent(_message, _size);
        try
        {
            await stream.WriteAsync(frame.Memory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            frame.Return();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = MessageFrame.HeaderSize + (long)_size;
        return true;
    }
}

/// <summary>A framed message serialized into a pooled array.</summary>
internal readonly struct Frame
{
    private readonly byte[] _array;
    private readonly int _length;

    private Frame(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    public static Frame Rent(IMessage message, int size)
    {
        var length = MessageFrame.HeaderSize + size;
        var array = ArrayPool<byte>.Shared.Rent(length);
        MessageFrame.WriteHeader(array, size);
        message.WriteTo(array.AsSpan(MessageFrame.HeaderSize, size));
        return new Frame(array, length);
    }

    public void Return() => ArrayPool<byte>.Shared.Return(_array);
}
