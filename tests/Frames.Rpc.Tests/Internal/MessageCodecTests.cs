using System.Buffers;
using System.IO.Compression;
using FramesNet.Rpc.Internal;
using FramesNet.Rpc.Tests.Protos;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests.Internal;

public sealed class MessageCodecTests
{
    [Fact]
    public void A_gzip_message_decompresses()
    {
        var message = new EchoRequest { Payload = ByteString.CopyFrom(new byte[10_000]), Tag = "z" };

        var parsed = MessageCodec.Parse(EchoRequest.Parser, new ReadOnlySequence<byte>(Gzip(message.ToByteArray())), true, "gzip", 1 << 20);

        Assert.Equal(message, parsed);
    }

    [Fact]
    public void A_gzip_bomb_stops_at_the_limit()
    {
        var bomb = Gzip(new byte[64 << 20]);

        var error = Assert.Throws<RpcException>(() => MessageCodec.Parse(EchoRequest.Parser, new ReadOnlySequence<byte>(bomb), true, "gzip", 1 << 20));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void Corrupt_gzip_and_corrupt_protobuf_are_internal()
    {
        var notGzip = Assert.Throws<RpcException>(() => MessageCodec.Parse(EchoRequest.Parser, new ReadOnlySequence<byte>([1, 2, 3, 4]), true, "gzip", 1000));
        var notProtobuf = Assert.Throws<RpcException>(() => MessageCodec.Parse(EchoRequest.Parser, new ReadOnlySequence<byte>([0xFF, 0xFF, 0xFF]), false, null, 1000));

        Assert.Equal(StatusCode.Internal, notGzip.StatusCode);
        Assert.Equal(StatusCode.Internal, notProtobuf.StatusCode);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("identity", true)]
    [InlineData("gzip", true)]
    [InlineData("deflate", false)]
    [InlineData("snappy", false)]
    public void Knows_which_encodings_it_reads(string? encoding, bool supported) =>
        Assert.Equal(supported, MessageCodec.CheckEncoding(encoding) is null);

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(data);
        return output.ToArray();
    }
}
