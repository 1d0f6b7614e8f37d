using System.Buffers;
using System.Buffers.Binary;

namespace FramesNet.Rpc.Internal;

/// <summary>
/// The gRPC length-prefixed message: a compressed flag byte, a 4-byte big-endian length, the message.
/// The length is checked against the receive limit as soon as the 5-byte header is in, before any
/// buffer for the message is grown or allocated.
/// </summary>
internal static class MessageFrame
{
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, int length)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>Reads a header; throws RESOURCE_EXHAUSTED over the limit and INTERNAL for a bad flag.</summary>
    public static int ReadHeader(ReadOnlySpan<byte> header, int maxLength, out bool compressed)
    {
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(StatusCode.Internal, $"invalid message frame: compressed flag is {header[0]}, not 0 or 1"),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxLength)
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxLength})");
        return (int)length;
    }

    /// <summary>
    /// Finds one whole frame at the start of <paramref name="buffer"/>; false when more bytes are needed.
    /// </summary>
    public static bool TryRead(in ReadOnlySequence<byte> buffer, int maxLength, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < HeaderSize)
            return false;
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var length = ReadHeader(header, maxLength, out compressed);
        if (buffer.Length - HeaderSize < length)
            return false;
        payload = buffer.Slice(HeaderSize, length);
        return true;
    }
}
