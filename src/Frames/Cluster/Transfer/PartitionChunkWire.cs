using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using ProtoPartitionRef = FramesNet.Rpc.Protocol.PartitionRef;

namespace FramesNet.Cluster;

/// <summary>
/// Reads a serialized <c>PartitionChunk</c> (proto/frames.proto: <c>partition = 1</c>, <c>data = 2</c>,
/// <c>stream_bytes = 3</c>)
/// without copying its data: the data comes back as a slice of the message's own bytes, where
/// Google.Protobuf would copy it into a new array. Follows the protobuf wire rules — the last
/// <c>data</c> wins, repeated <c>partition</c>s merge, unknown fields are skipped.
/// </summary>
internal static class PartitionChunkWire
{
    private const int PartitionField = 1;
    private const int DataField = 2;
    private const int StreamBytesField = 3;

    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    /// <summary>The chunk's data (empty when absent), the partition it names (null when absent) and the stream's announced length (0 when absent).</summary>
    public static (ReadOnlySequence<byte> Data, ProtoPartitionRef? Partition, long StreamBytes) Read(ReadOnlySequence<byte> message)
    {
        var reader = new SequenceReader<byte>(message);
        var data = ReadOnlySequence<byte>.Empty;
        ProtoPartitionRef? partition = null;
        long streamBytes = 0;
        while (!reader.End)
        {
            var tag = ReadVarint(ref reader);
            var field = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            if (field == 0)
                throw Malformed(reader, "field number 0");
            switch (wireType)
            {
                case Varint:
                    var number = ReadVarint(ref reader);
                    if (field == StreamBytesField)
                        streamBytes = (long)number; // int64: a negative value wraps, and is refused by the reader
                    break;
                case Fixed64:
                    Skip(ref reader, 8);
                    break;
                case Fixed32:
                    Skip(ref reader, 4);
                    break;
                case LengthDelimited:
                    var length = ReadVarint(ref reader);
                    if (length > (ulong)reader.Remaining)
                        throw Malformed(reader, $"field {field} claims {length} bytes, {reader.Remaining} remain");
                    var value = reader.UnreadSequence.Slice(0, (long)length);
                    reader.Advance((long)length);
                    if (field == DataField)
                        data = value;
                    else if (field == PartitionField)
                        (partition ??= new ProtoPartitionRef()).MergeFrom(value.IsSingleSegment ? value.FirstSpan : value.ToArray());
                    break;
                default:
                    throw Malformed(reader, $"field {field} has wire type {wireType}, which a PartitionChunk never carries");
            }
        }
        return (data, partition, streamBytes);
    }

    private static ulong ReadVarint(ref SequenceReader<byte> reader)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!reader.TryRead(out var b))
                throw Malformed(reader, "the message ends inside a varint");
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
        throw Malformed(reader, "a varint longer than 10 bytes");
    }

    private static void Skip(ref SequenceReader<byte> reader, int count)
    {
        if (reader.Remaining < count)
            throw Malformed(reader, $"the message ends inside a {count}-byte field");
        reader.Advance(count);
    }

    private static RpcException Malformed(in SequenceReader<byte> reader, string reason) =>
        new(new Status(StatusCode.Internal, $"Failed to deserialize a PartitionChunk at byte {reader.Consumed}: {reason}"));
}
