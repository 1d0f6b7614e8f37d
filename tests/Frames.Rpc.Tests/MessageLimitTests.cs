using FramesNet.Rpc.Client;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests;

/// <summary>Large messages and the receive/send limits on both sides (RESOURCE_EXHAUSTED).</summary>
public sealed class MessageLimitTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private const int Limit = 4 * MiB;

    private EchoServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await EchoServer.StartAsync(o => o.MaxReceiveMessageSize = Limit);
        _channel = _server.Channel(o => o.MaxReceiveMessageSize = Limit);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_message_just_under_the_limit_round_trips_intact()
    {
        var payload = new byte[Limit - 64];
        Random.Shared.NextBytes(payload);

        var reply = await EchoApi.Client(_channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(payload) }).ResponseAsync;

        Assert.True(reply.Payload.Span.SequenceEqual(payload));
    }

    [Fact]
    public async Task A_request_over_the_server_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(_channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[8 * MiB]) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal($"Received message larger than max (over {Limit} bytes, the server's MaxReceiveMessageSize)", error.Detail);
    }

    [Fact]
    public async Task A_response_over_the_client_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(_channel).UnaryAsync(new EchoRequest { ReplySize = 8 * MiB }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.StartsWith("Received message larger than max (", error.Detail);
        Assert.EndsWith($" vs. {Limit} bytes, the channel's MaxReceiveMessageSize)", error.Detail);
    }

    [Fact]
    public async Task An_oversized_message_mid_client_stream_is_resource_exhausted()
    {
        using var call = EchoApi.Client(_channel).ClientStream();
        await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[MiB]) });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.WriteOrStatusAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[8 * MiB]) });
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal($"Received message larger than max (over {Limit} bytes, the server's MaxReceiveMessageSize)", error.Detail);
    }

    [Fact]
    public async Task Streams_carry_many_large_messages()
    {
        using var call = EchoApi.Client(_channel).ServerStream(new EchoRequest { Count = 40, ReplySize = 3 * MiB });

        long total = 0;
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
            total += reply.Payload.Length;

        Assert.Equal(40L * 3 * MiB, total);
    }

    [Fact]
    public async Task Client_streams_carry_more_than_kestrels_whole_body_limit()
    {
        // Kestrel's default 30 MB request-body limit must not apply to gRPC streams.
        using var call = EchoApi.Client(_channel).ClientStream();
        var chunk = ByteString.CopyFrom(new byte[2 * MiB]);
        for (var i = 0; i < 20; i++)
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = chunk });
        await call.RequestStream.CompleteAsync();

        var reply = await call;

        Assert.Equal(40L * MiB, reply.TotalBytes);
    }

    [Fact]
    public async Task Messages_larger_than_both_flow_control_windows_pass()
    {
        // The reader must keep the window open while a message is only partly in (examined, not consumed).
        await using var server = await EchoServer.StartAsync(o =>
        {
            o.InitialStreamWindowSize = 256 * 1024;
            o.InitialConnectionWindowSize = 512 * 1024;
        });
        using var channel = server.Channel(o => o.InitialStreamWindowSize = 256 * 1024);
        var payload = ByteString.CopyFrom(new byte[6 * MiB]);

        using var call = EchoApi.Client(channel).Bidi();
        await call.RequestStream.WriteAsync(new EchoRequest { Payload = payload });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.CompleteAsync();

        Assert.Equal(6 * MiB, call.ResponseStream.Current.Payload.Length);
        Assert.False(await call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task The_client_send_limit_refuses_before_sending()
    {
        using var channel = _server.Channel(o => o.MaxSendMessageSize = MiB);

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[2 * MiB]) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal($"Sending message larger than max ({2 * MiB + 5} vs. {MiB} bytes, the channel's MaxSendMessageSize)", error.Detail);
    }

    [Fact]
    public async Task The_server_send_limit_fails_the_call()
    {
        await using var server = await EchoServer.StartAsync(o => o.MaxSendMessageSize = MiB);
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest { ReplySize = 2 * MiB }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal($"Sending message larger than max (over {MiB} bytes, the server's MaxSendMessageSize)", error.Detail);
    }
}
