using System.Buffers;
using System.IO.Compression;
using Google.Protobuf;

namespace FramesNet.Rpc.Internal;

/// <summary>Turns frames into messages and back; the only place that knows about compression.</summary>
internal static class MessageCodec
{
    /// <summary>
    /// Checks an incoming <c>grpc-encoding</c>; null means the value is supported.
    /// </summary>
    public static string? CheckEncoding(string? encoding) =>
        encoding is null or GrpcHeaders.Identity or GrpcHeaders.Gzip
            ? null
            : $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcHeaders.SupportedEncodings}";

    public static T Parse<T>(MessageParser<T> parser, in ReadOnlySequence<byte> payload, bool compressed, string? encoding, int maxLength)
        where T : IMessage<T>
    {
        if (compressed)
            return ParseCompressed(parser, payload, encoding, maxLength);
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to deserialize the message: {e.Message}");
        }
    }

    public static T Parse<T>(MessageParser<T> parser, ReadOnlyMemory<byte> payload, bool compressed, string? encoding, int maxLength)
        where T : IMessage<T>
    {
        if (compressed)
            return ParseCompressed(parser, new ReadOnlySequence<byte>(payload), encoding, maxLength);
        try
        {
            return parser.ParseFrom(payload.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to deserialize the message: {e.Message}");
        }
    }

    /// <summary>The serialized size, checked against the send limit.</summary>
    public static int SizeOf(IMessage message, int? maxSendLength)
    {
        var size = message.CalculateSize();
        if (maxSendLength is { } max && size > max)
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {max})");
        return size;
    }

    private static T ParseCompressed<T>(MessageParser<T> parser, in ReadOnlySequence<byte> payload, string? encoding, int maxLength)
        where T : IMessage<T>
    {
        var (buffer, length) = Inflate(payload, encoding, maxLength);
        try
        {
            return parser.ParseFrom(buffer.AsSpan(0, length));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to deserialize the message: {e.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A compressed message's bytes, decompressed into an array of their own (raw reads).</summary>
    public static byte[] Decompress(in ReadOnlySequence<byte> payload, string? encoding, int maxLength)
    {
        var (buffer, length) = Inflate(payload, encoding, maxLength);
        try
        {
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decompresses into a pooled buffer (the caller returns it), never past <paramref name="maxLength"/>.</summary>
    private static (byte[] Buffer, int Length) Inflate(in ReadOnlySequence<byte> payload, string? encoding, int maxLength)
    {
        if (encoding is null or GrpcHeaders.Identity)
            throw new RpcException(StatusCode.Internal, "Received a compressed message but grpc-encoding is not set");
        if (encoding != GrpcHeaders.Gzip)
            throw new RpcException(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'");
        var compressedBytes = payload.ToArray();
        using var gzip = new GZipStream(new MemoryStream(compressedBytes), CompressionMode.Decompress);
        // Read at most one byte past the limit: enough to know it was exceeded, never more.
        var cap = (int)Math.Min((long)maxLength + 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(compressedBytes.Length * 4L, 4096), cap));
        try
        {
            var length = 0;
            while (length < cap)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int read;
                try
                {
                    read = gzip.Read(buffer, length, Math.Min(buffer.Length, cap) - length);
                }
                catch (InvalidDataException e)
                {
                    throw new RpcException(StatusCode.Internal, $"Failed to decompress a gzip message: {e.Message}");
                }
                if (read == 0)
                    break;
                length += read;
            }
            if (length > maxLength)
                throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max after decompression (over {maxLength} bytes)");
            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
