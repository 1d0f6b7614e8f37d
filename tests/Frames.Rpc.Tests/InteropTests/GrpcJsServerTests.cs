using System.Diagnostics;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests.InteropTests;

/// <summary>The Frames client calling a real peer: a @grpc/grpc-js server (interop/server.js).</summary>
public sealed class GrpcJsServerTests(GrpcJsServerFixture peer) : IClassFixture<GrpcJsServerFixture>, IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly GrpcChannel _channel = RpcChannel.Create(peer.Address, new RpcChannelOptions { MaxReceiveMessageSize = 4 * MiB });

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Unary_echoes()
    {
        var reply = await EchoApi.Client(_channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8("hello js"), Tag = "u" }).ResponseAsync;

        Assert.Equal("hello js", reply.Payload.ToStringUtf8());
        Assert.Equal("u", reply.Tag);
    }

    [Fact]
    public async Task Server_stream_arrives_in_order_with_trailers()
    {
        using var call = EchoApi.Client(_channel).ServerStream(new EchoRequest { Count = 30, ReplySize = 10_000 });

        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
            indexes.Add(reply.Index);

        Assert.Equal(Enumerable.Range(0, 30), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_stream_is_summed()
    {
        using var call = EchoApi.Client(_channel).ClientStream();
        for (var i = 0; i < 5; i++)
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[1000]) });
        await call.RequestStream.CompleteAsync();

        var reply = await call;

        Assert.Equal(5, reply.Count);
        Assert.Equal(5000, reply.TotalBytes);
    }

    [Fact]
    public async Task Bidi_ping_pongs()
    {
        using var call = EchoApi.Client(_channel).Bidi();
        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8($"ping {i}") });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal($"ping {i}", call.ResponseStream.Current.Payload.ToStringUtf8());
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task Error_status_with_unicode_message()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(_channel).UnaryAsync(new EchoRequest { FailCode = (int)StatusCode.AlreadyExists, FailMessage = "partition p7 exists — ключ" }).ResponseAsync);

        Assert.Equal(new Status(StatusCode.AlreadyExists, "partition p7 exists — ключ"), error.Status);
    }

    [Fact]
    public async Task Error_mid_stream_after_three_messages()
    {
        using var call = EchoApi.Client(_channel).ServerStream(new EchoRequest { Count = 10, FailAfter = 3, FailCode = (int)StatusCode.Aborted, FailMessage = "worker lost" });

        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
                received++;
        });

        Assert.Equal(3, received);
        Assert.Equal(new Status(StatusCode.Aborted, "worker lost"), error.Status);
    }

    [Fact]
    public async Task Error_from_a_bidi_peer()
    {
        using var call = EchoApi.Client(_channel).Bidi();
        await call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.InvalidArgument, FailMessage = "bad" });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());

        Assert.Equal(new Status(StatusCode.InvalidArgument, "bad"), error.Status);
    }

    [Fact]
    public async Task Deadline_is_exceeded_and_grpc_js_sees_the_call_end()
    {
        // A call whose deadline passes before grpc-js dispatches it never reaches the handler (nothing to
        // print): connect first, and give the deadline room to pass inside the handler on a loaded machine.
        await EchoApi.Client(_channel).UnaryAsync(new EchoRequest { Tag = "warm-up" }).ResponseAsync;
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(_channel).UnaryAsync(new EchoRequest { DelayMs = 60_000, Tag = "deadline-frames" }, CallOptions.FromTimeout(TimeSpan.FromMilliseconds(1500))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1450), $"ended after {watch.Elapsed}, before its deadline");
        await peer.Peer.WaitForLineAsync(l => l == "cancelled deadline-frames", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Cancellation_reaches_grpc_js()
    {
        using var cancel = new CancellationTokenSource();
        using var call = EchoApi.Client(_channel).ServerStream(new EchoRequest { Count = 1_000_000, DelayMs = 10, Tag = "cancel-frames" }, new CallOptions(cancellationToken: cancel.Token));
        Assert.True(await call.ResponseStream.MoveNext());

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
            }
        });
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await peer.Peer.WaitForLineAsync(l => l == "cancelled cancel-frames", Patience.Wait);
    }

    [Fact]
    public async Task Response_over_the_client_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(_channel).UnaryAsync(new EchoRequest { ReplySize = 8 * MiB }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Four_mebibyte_messages_pass_both_ways()
    {
        var payload = new byte[4 * MiB - 64];
        Random.Shared.NextBytes(payload);

        var reply = await EchoApi.Client(_channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(payload) }).ResponseAsync;

        Assert.True(reply.Payload.Span.SequenceEqual(payload));
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.CallMissingAsync(_channel));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Bearer_token_is_sent()
    {
        await using var secured = await PeerProcess.StartServerAsync("server.js", "--token", "frames-token");
        var address = new Uri($"http://127.0.0.1:{secured.Port}");
        using var withToken = RpcChannel.Create(address, new RpcChannelOptions { BearerToken = "frames-token" });
        using var withoutToken = RpcChannel.Create(address);

        var reply = await EchoApi.Client(withToken).UnaryAsync(new EchoRequest { Tag = "t" }).ResponseAsync;
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(withoutToken).UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal("t", reply.Tag);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
