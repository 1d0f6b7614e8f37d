using FramesNet.Rpc.Client;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests.InteropTests;

/// <summary>One python-grpcio Echo server (interop/python/server.py), shared by a test class.</summary>
public sealed class PythonServerFixture : IAsyncLifetime
{
    private PeerProcess? _peer;

    internal PeerProcess Peer => _peer ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _peer = await PeerProcess.StartServerAsync("python/server.py");

    public async Task DisposeAsync()
    {
        if (_peer is not null)
            await _peer.DisposeAsync();
    }
}

/// <summary>The Frames client calling Debian's python3-grpcio server.</summary>
public sealed class PythonServerTests(PythonServerFixture peer) : IClassFixture<PythonServerFixture>, IDisposable
{
    private readonly GrpcChannel _channel = RpcChannel.Create($"http://127.0.0.1:{peer.Peer.Port}", new RpcChannelOptions { MaxReceiveMessageSize = 4 * 1024 * 1024 });

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Every_shape_works()
    {
        var unary = await EchoApi.Client(_channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8("hi py") }).ResponseAsync;
        using var stream = EchoApi.Client(_channel).ServerStream(new EchoRequest { Count = 20, ReplySize = 5000 });
        var indexes = new List<int>();
        await foreach (var reply in stream.ResponseStream.ReadAllAsync())
            indexes.Add(reply.Index);
        using var upload = EchoApi.Client(_channel).ClientStream();
        for (var i = 0; i < 3; i++)
            await upload.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[700]) });
        await upload.RequestStream.CompleteAsync();
        var summed = await upload;
        using var bidi = EchoApi.Client(_channel).Bidi();
        await bidi.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8("ping") });
        Assert.True(await bidi.ResponseStream.MoveNext());
        var echoed = bidi.ResponseStream.Current.Payload.ToStringUtf8();
        await bidi.RequestStream.CompleteAsync();

        Assert.Equal("hi py", unary.Payload.ToStringUtf8());
        Assert.Equal(Enumerable.Range(0, 20), indexes);
        Assert.Equal(2100, summed.TotalBytes);
        Assert.Equal("ping", echoed);
        Assert.False(await bidi.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task Errors_before_and_during_a_stream()
    {
        var immediate = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(_channel).UnaryAsync(new EchoRequest { FailCode = (int)StatusCode.PermissionDenied, FailMessage = "nope — нет" }).ResponseAsync);
        using var stream = EchoApi.Client(_channel).ServerStream(new EchoRequest { Count = 10, FailAfter = 3, FailCode = (int)StatusCode.Aborted, FailMessage = "midway" });
        var received = 0;
        var midway = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in stream.ResponseStream.ReadAllAsync())
                received++;
        });

        Assert.Equal(new Status(StatusCode.PermissionDenied, "nope — нет"), immediate.Status);
        Assert.Equal(new Status(StatusCode.Aborted, "midway"), midway.Status);
        Assert.Equal(3, received);
    }

    [Fact]
    public async Task Deadline_and_cancellation_reach_python()
    {
        // A call cancelled before python dispatches it never reaches the handler (nothing to print), so warm the
        // server up first and give the deadline room to pass inside the handler even on a loaded machine.
        await EchoApi.Client(_channel).UnaryAsync(new EchoRequest { Tag = "warm-up" }).ResponseAsync;
        var deadline = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(_channel).UnaryAsync(new EchoRequest { DelayMs = 20_000, Tag = "deadline-frames-py" }, CallOptions.FromTimeout(TimeSpan.FromMilliseconds(1500))).ResponseAsync);
        using var cancel = new CancellationTokenSource();
        using var stream = EchoApi.Client(_channel).ServerStream(new EchoRequest { Count = 1_000_000, DelayMs = 10, Tag = "cancel-frames-py" }, new CallOptions(cancellationToken: cancel.Token));
        Assert.True(await stream.ResponseStream.MoveNext());
        await cancel.CancelAsync();
        var cancelled = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stream.ResponseStream.MoveNext())
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, deadline.StatusCode);
        Assert.Equal(StatusCode.Cancelled, cancelled.StatusCode);
        await peer.Peer.WaitForLineAsync(l => l == "cancelled deadline-frames-py", Patience.Wait);
        await peer.Peer.WaitForLineAsync(l => l == "cancelled cancel-frames-py", Patience.Wait);
    }

    [Fact]
    public async Task Limits_and_unknown_methods()
    {
        var tooBig = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(_channel).UnaryAsync(new EchoRequest { ReplySize = 8 * 1024 * 1024 }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => EchoApi.CallMissingAsync(_channel));

        Assert.Equal(StatusCode.ResourceExhausted, tooBig.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, missing.StatusCode);
    }
}
