using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Server;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests;

/// <summary>
/// <see cref="IRawMessageReader"/>: messages lent as their serialized bytes, on both sides, byte for byte
/// what the sender serialized — across Kestrel's pipe segments, with gzip frames, and up to the status.
/// </summary>
public sealed class RawReadTests : IAsyncLifetime
{
    private static readonly int[] Sizes = [0, 1, 4_000, 70_000, 1 << 20, 3_000_001];

    private RpcServer? _server;
    private RpcChannel? _channel;

    public async Task InitializeAsync()
    {
        var services = new RpcServices()
            .AddClientStreaming(EchoApi.ClientStream, async (requests, context) =>
            {
                // Hashes every lent message in order, reading a parsed one in between to mix both kinds of read.
                var raw = (IRawMessageReader)requests;
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var count = 0;
                while (true)
                {
                    if (count % 3 == 2)
                    {
                        if (!await requests.MoveNextAsync(context.CancellationToken))
                            break;
                        hash.AppendData(requests.Current.ToByteArray());
                    }
                    else
                    {
                        if (!await raw.MoveNextRawAsync(context.CancellationToken))
                            break;
                        foreach (var segment in raw.CurrentRaw)
                            hash.AppendData(segment.Span);
                    }
                    count++;
                }
                return new EchoReply { Count = count, Payload = ByteString.CopyFrom(hash.GetHashAndReset()) };
            })
            .AddServerStreaming(EchoApi.ServerStream, async (request, responses, context) =>
            {
                for (var i = 0; i < Sizes.Length; i++)
                    await responses.WriteAsync(Reply(i), context.CancellationToken);
                if (request.FailCode != 0)
                    throw new RpcException((StatusCode)request.FailCode, request.FailMessage);
            });
        _server = await RpcServer.StartAsync(services, new RpcServerOptions { Port = 0, MaxReceiveMessageSize = 8 << 20 });
        _channel = RpcChannel.Create(_server.Address, new RpcChannelOptions { MaxReceiveMessageSize = 8 << 20 });
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_server_lends_each_request_as_the_client_serialized_it()
    {
        var requests = Sizes.Select(Request).ToList();

        using var call = _channel!.ClientStreaming(EchoApi.ClientStream);
        foreach (var request in requests)
            await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal(requests.Count, reply.Count);
        Assert.Equal(Sha256(requests.Select(r => r.ToByteArray())), reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task A_gzip_request_frame_is_lent_decompressed()
    {
        var first = Request(70_000).ToByteArray();
        var second = Request(10).ToByteArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(first);
        var body = new MemoryStream();
        WriteFrame(body, compressed.ToArray(), compressed: true);
        WriteFrame(body, second, compressed: false);

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_server!.Address, EchoApi.ClientStream.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body.ToArray()),
        };
        message.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        message.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        using var response = await http.SendAsync(message);
        var answer = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
        var reply = EchoReply.Parser.ParseFrom(answer.AsSpan(5));
        Assert.Equal(2, reply.Count);
        Assert.Equal(Sha256([first, second]), reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task The_client_lends_each_response_as_the_server_serialized_it()
    {
        using var call = _channel!.ServerStreaming(EchoApi.ServerStream, new EchoRequest());
        var raw = (IRawMessageReader)call.ResponseStream;

        var index = 0;
        while (await raw.MoveNextRawAsync())
        {
            Assert.Equal(Reply(index).ToByteArray(), raw.CurrentRaw.ToArray());
            index++;
        }

        Assert.Equal(Sizes.Length, index);
        Assert.Equal(StatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task A_raw_read_that_reaches_an_error_status_throws_it()
    {
        using var call = _channel!.ServerStreaming(EchoApi.ServerStream, new EchoRequest { FailCode = (int)StatusCode.DataLoss, FailMessage = "disk gone" });
        var raw = (IRawMessageReader)call.ResponseStream;
        var read = 0;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await raw.MoveNextRawAsync())
                read++;
        });

        Assert.Equal(Sizes.Length, read);
        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.Equal("disk gone", error.Status.Detail);
    }

    private static EchoRequest Request(int size) => new() { Payload = ByteString.CopyFrom(Bytes(size, seed: size)), Tag = $"size {size}" };

    private static EchoReply Reply(int index) => new() { Payload = ByteString.CopyFrom(Bytes(Sizes[index], seed: index)), Index = index };

    private static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Sha256(IEnumerable<byte[]> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
            hash.AppendData(part);
        return hash.GetHashAndReset();
    }

    private static void WriteFrame(Stream output, byte[] message, bool compressed)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = compressed ? (byte)1 : (byte)0;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header[1..], message.Length);
        output.Write(header);
        output.Write(message);
    }
}
