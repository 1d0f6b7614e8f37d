using System.Buffers;
using FramesNet.Cluster;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;

namespace FramesNet.Tests.Cluster;

/// <summary>The hand-written PartitionChunk reader against Google.Protobuf's parser, on the same bytes.</summary>
public class PartitionChunkWireTests
{
    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    [Fact]
    public void Reads_what_protobuf_reads_whatever_the_fields_their_order_and_the_segments() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var bytes = RandomChunkBytes(random);
        var expected = PartitionChunk.Parser.ParseFrom(bytes);

        var (data, partition, streamBytes) = PartitionChunkWire.Read(Segmented(bytes, random));

        Assert.Equal(expected.Data.ToByteArray(), data.ToArray());
        Assert.Equal(expected.Partition, partition);
        Assert.Equal(expected.StreamBytes, streamBytes);
    }));

    [Fact]
    public void A_chunk_with_only_data_has_no_partition_and_no_length()
    {
        var bytes = new PartitionChunk { Data = ByteString.CopyFromUtf8("arrow bytes") }.ToByteArray();

        var (data, partition, streamBytes) = PartitionChunkWire.Read(new ReadOnlySequence<byte>(bytes));

        Assert.Equal("arrow bytes"u8.ToArray(), data.ToArray());
        Assert.Null(partition);
        Assert.Equal(0, streamBytes);
    }

    [Theory]
    [InlineData(new byte[] { 0x12, 0x05, 1, 2 }, "field 2 claims 5 bytes, 2 remain")]
    [InlineData(new byte[] { 0x12 }, "ends inside a varint")]
    [InlineData(new byte[] { 0x00, 0x01 }, "field number 0")]
    [InlineData(new byte[] { 0x13 }, "wire type 3")]
    [InlineData(new byte[] { 0x1D, 1, 2 }, "ends inside a 4-byte field")]
    public void A_malformed_chunk_is_an_internal_error_saying_where(byte[] bytes, string reason)
    {
        var error = Assert.Throws<RpcException>(() => PartitionChunkWire.Read(new ReadOnlySequence<byte>(bytes)));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains(reason, error.Status.Detail);
        Assert.Contains("PartitionChunk at byte", error.Status.Detail);
    }

    /// <summary>Data, partition and length fields (maybe repeated) and unknown fields of every wire type, in random order.</summary>
    private static byte[] RandomChunkBytes(Random random)
    {
        using var output = new MemoryStream();
        var coded = new CodedOutputStream(output);
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            switch (random.Next(7))
            {
                case 6:
                    coded.WriteTag(3, WireFormat.WireType.Varint);
                    coded.WriteInt64(random.NextInt64(0, 1L << 40));
                    break;
                case 0:
                case 1:
                    var data = new byte[random.Next(0, 3000)];
                    random.NextBytes(data);
                    coded.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    coded.WriteBytes(ByteString.CopyFrom(data));
                    break;
                case 2:
                    var partition = new PartitionRef { Task = $"task-{random.Next(100)}", Bucket = random.Next(2) == 0 ? 0 : random.Next(1000) };
                    coded.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    coded.WriteMessage(partition);
                    break;
                case 3:
                    coded.WriteTag(random.Next(3, 500), WireFormat.WireType.Varint);
                    coded.WriteUInt64((ulong)random.NextInt64());
                    break;
                case 4:
                    coded.WriteTag(random.Next(3, 500), WireFormat.WireType.Fixed64);
                    coded.WriteFixed64((ulong)random.NextInt64());
                    coded.WriteTag(random.Next(3, 500), WireFormat.WireType.Fixed32);
                    coded.WriteFixed32((uint)random.Next());
                    break;
                default:
                    coded.WriteTag(random.Next(3, 500), WireFormat.WireType.LengthDelimited);
                    coded.WriteBytes(ByteString.CopyFrom(new byte[random.Next(0, 40)]));
                    break;
            }
        }
        coded.Flush();
        return output.ToArray();
    }

    /// <summary>The bytes as a sequence of randomly sized segments, as a pipe hands them over.</summary>
    private static ReadOnlySequence<byte> Segmented(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
            return ReadOnlySequence<byte>.Empty;
        Segment? first = null, last = null;
        for (var at = 0; at < bytes.Length;)
        {
            var size = Math.Min(bytes.Length - at, random.Next(1, 600));
            var segment = new Segment(bytes.AsMemory(at, size), last?.RunningIndex + last?.Memory.Length ?? 0);
            if (last is null)
                first = segment;
            else
                last.SetNext(segment);
            last = segment;
            at += size;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
