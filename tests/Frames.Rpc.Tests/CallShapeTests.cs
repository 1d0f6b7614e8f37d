using FramesNet.Rpc.Client;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests;

/// <summary>Frames client against Frames server: the four RPC shapes and what travels with them.</summary>
public sealed class CallShapeTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task Unary_echoes_the_payload()
    {
        var reply = await EchoApi.Client(Channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8("hello"), Tag = "unary" }).ResponseAsync;

        Assert.Equal("hello", reply.Payload.ToStringUtf8());
        Assert.Equal("unary", reply.Tag);
    }

    [Fact]
    public async Task Unary_with_an_empty_message_round_trips()
    {
        var reply = await EchoApi.Client(Channel).UnaryAsync(new EchoRequest()).ResponseAsync;

        Assert.True(reply.Payload.IsEmpty);
    }

    [Fact]
    public async Task Server_stream_delivers_every_reply_in_order_then_ok()
    {
        using var call = EchoApi.Client(Channel).ServerStream(new EchoRequest { Count = 50, ReplySize = 1000, Tag = "stream" });

        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(1000, reply.Payload.Length);
            indexes.Add(reply.Index);
        }

        Assert.Equal(Enumerable.Range(0, 50), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_stream_with_no_replies_ends_ok()
    {
        using var call = EchoApi.Client(Channel).ServerStream(new EchoRequest { Count = 0 });

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_stream_sums_the_requests()
    {
        using var call = EchoApi.Client(Channel).ClientStream();
        for (var i = 0; i < 10; i++)
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[100 * i]), Tag = "client-stream" });
        await call.RequestStream.CompleteAsync();

        var reply = await call;

        Assert.Equal(10, reply.Count);
        Assert.Equal(Enumerable.Range(0, 10).Sum(i => 100 * i), reply.TotalBytes);
    }

    [Fact]
    public async Task Client_stream_with_no_requests_gets_a_reply()
    {
        using var call = EchoApi.Client(Channel).ClientStream();
        await call.RequestStream.CompleteAsync();

        var reply = await call.ResponseAsync;

        Assert.Equal(0, reply.Count);
    }

    [Fact]
    public async Task Bidi_answers_each_request_before_the_next_is_sent()
    {
        using var call = EchoApi.Client(Channel).Bidi();
        for (var i = 0; i < 20; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8($"ping {i}") });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal($"ping {i}", call.ResponseStream.Current.Payload.ToStringUtf8());
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Request_metadata_reaches_the_handler_and_trailers_come_back()
    {
        var headers = new Metadata { { "x-trace", "abc-123" }, { "x-blob-bin", new byte[] { 0, 1, 2, 255 } } };

        using var call = EchoApi.Client(Channel).ServerStream(new EchoRequest { Count = 1, Tag = "metadata" }, new CallOptions(headers));
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }

        var seen = fixture.Service.Calls["metadata"].RequestHeaders;
        Assert.Equal("abc-123", seen.GetValue("x-trace"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, seen.GetValueBytes("x-blob-bin"));
        Assert.Equal("abc-123", call.GetTrailers().GetValue("x-trace"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, call.GetTrailers().GetValueBytes("x-blob-bin"));
    }

    [Fact]
    public async Task Trailers_travel_with_an_error_too()
    {
        var headers = new Metadata { { "x-trace", "err-1" } };

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(Channel).UnaryAsync(new EchoRequest { FailCode = (int)StatusCode.Aborted, FailMessage = "aborted on purpose" }, new CallOptions(headers)).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("aborted on purpose", error.Detail);
        Assert.Equal("err-1", error.Trailers.GetValue("x-trace"));
    }

    [Fact]
    public async Task Handler_sees_the_peer_address_and_the_method()
    {
        await EchoApi.Client(Channel).UnaryAsync(new EchoRequest { Tag = "peer" }).ResponseAsync;

        var context = fixture.Service.Calls["peer"];
        Assert.StartsWith("ipv4:127.0.0.1:", context.Peer);
        Assert.Equal("/frames.test.v1.Echo/Unary", context.Method);
        Assert.Equal(DateTime.MaxValue, context.Deadline);
    }
}
