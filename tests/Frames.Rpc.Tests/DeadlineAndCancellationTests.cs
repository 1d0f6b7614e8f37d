using System.Diagnostics;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;

namespace FramesNet.Rpc.Tests;

/// <summary>Deadlines and cancellation, seen from both ends of the call.</summary>
public sealed class DeadlineAndCancellationTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task Deadline_fails_the_client_with_deadline_exceeded_and_cancels_the_handler()
    {
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(Channel).UnaryAsync(new EchoRequest { DelayMs = 60_000, Tag = "deadline-unary" }, CallOptions.FromTimeout(TimeSpan.FromMilliseconds(1500))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1450), $"ended after {watch.Elapsed}, before its deadline");
        Assert.Equal("cancelled", await fixture.Service.SeenAsync("deadline-unary"));
    }

    [Fact]
    public async Task Server_sees_the_deadline_the_client_sent()
    {
        var before = DateTime.UtcNow;

        await EchoApi.Client(Channel).UnaryAsync(new EchoRequest { Tag = "deadline-seen" }, CallOptions.FromTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;

        var deadline = fixture.Service.Calls["deadline-seen"].Deadline;
        Assert.InRange(deadline, before + TimeSpan.FromSeconds(29), DateTime.UtcNow + TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task Deadline_during_a_stream_ends_it_with_deadline_exceeded()
    {
        using var call = EchoApi.Client(Channel).ServerStream(new EchoRequest { Count = 1_000_000, DelayMs = 20, Tag = "deadline-stream" }, CallOptions.FromTimeout(TimeSpan.FromMilliseconds(1500)));

        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
                received++;
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(received > 0);
        Assert.Equal("cancelled", await fixture.Service.SeenAsync("deadline-stream"));
    }

    [Fact]
    public async Task Deadline_already_past_fails_without_a_round_trip()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(Channel).UnaryAsync(new EchoRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Client_cancellation_stops_a_stream_and_the_handler_sees_it()
    {
        using var cancel = new CancellationTokenSource();
        using var call = EchoApi.Client(Channel).ServerStream(new EchoRequest { Count = 1_000_000, DelayMs = 10, Tag = "cancel-stream" }, new CallOptions(cancellationToken: cancel.Token));

        Assert.True(await call.ResponseStream.MoveNext());
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
            }
        });

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal("cancelled", await fixture.Service.SeenAsync("cancel-stream"));
    }

    [Fact]
    public async Task Cancelling_a_unary_call_in_flight_cancels_the_handler()
    {
        using var cancel = new CancellationTokenSource();
        var call = EchoApi.Client(Channel).UnaryAsync(new EchoRequest { DelayMs = 30_000, Tag = "cancel-unary" }, new CallOptions(cancellationToken: cancel.Token)).ResponseAsync;
        await WaitUntilAsync(() => fixture.Service.Calls.ContainsKey("cancel-unary"));

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal("cancelled", await fixture.Service.SeenAsync("cancel-unary"));
    }

    [Fact]
    public async Task Disposing_a_bidi_call_cancels_the_handler()
    {
        var call = EchoApi.Client(Channel).Bidi();
        await call.RequestStream.WriteAsync(new EchoRequest { Tag = "dispose-bidi" });
        Assert.True(await call.ResponseStream.MoveNext());

        call.Dispose();

        Assert.Equal("cancelled", await fixture.Service.SeenAsync("dispose-bidi"));
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_shutdown_ends_open_streams_unavailable()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.Channel();
        using var call = EchoApi.Client(channel).ServerStream(new EchoRequest { Count = 1_000_000, DelayMs = 10, Tag = "shutdown" });
        Assert.True(await call.ResponseStream.MoveNext());

        await server.Server.StopAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("cancelled", await server.Service.SeenAsync("shutdown"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Patience.Wait)
                throw new TimeoutException($"condition not met within {Patience.Wait}");
            await Task.Delay(5);
        }
    }
}
