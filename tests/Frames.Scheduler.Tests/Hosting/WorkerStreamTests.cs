using FramesNet.Rpc.Protocol;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Scheduler.Hosting;
using FramesNet.Scheduler.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>Registration, the Connect stream's rules, heartbeats on a test clock, and stopping.</summary>
public sealed class WorkerStreamTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private SchedulerHost _host = null!;
    private SchedulerClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await SchedulerHost.StartAsync(new SchedulerOptions
        {
            Port = 0,
            TimeProvider = _clock,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            MissedHeartbeats = 3,
        });
        _client = new SchedulerClient(_host.Address);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_worker_that_misses_its_heartbeats_is_removed_and_its_stream_ended()
    {
        await using var silent = await FakeWorker.StartAsync(_host.Address, "silent", heartbeats: false);
        await using var beating = await FakeWorker.StartAsync(_host.Address, "beating", heartbeats: false);
        await _client.WaitForStatusAsync(s => s.Workers.Count == 2, "both connected");

        for (var second = 0; second < 4; second++)
        {
            await beating.SendAsync(new WorkerMessage { Heartbeat = new Heartbeat { Running = 0, MemoryUsed = 1000, StoredBytes = 7 } });
            await _client.WaitForStatusAsync(s => s.Workers.Any(w => w.WorkerId == beating.Id && w.StoredBytes == 7 && w.SecondsSinceHeartbeat == 0), "heartbeat seen");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var status = await _client.WaitForStatusAsync(s => s.Workers.Count == 1, "the silent worker removed");
        Assert.Equal(beating.Id, status.Workers[0].WorkerId);
        var ended = await silent.Ended.WaitAsync(Patience.Wait);
        Assert.Equal((StatusCode.Unavailable, "removed by the scheduler: missed 3 heartbeats; register again"), (ended.StatusCode, ended.Detail));
    }

    [Fact]
    public async Task Started_reports_are_acknowledged_on_the_stream()
    {
        await using var worker = await FakeWorker.StartAsync(_host.Address, "w", heartbeats: false);
        await _client.WaitForStatusAsync(s => s.Workers.Count == 1, "connected");

        await worker.SendAsync(new WorkerMessage { Started = new TasksStarted { Tasks = { "a", "b" } } });

        await worker.WaitForAsync(w => w.Received.Any(m => m.StartedReceived is not null), "the acknowledgement");
        Assert.Equal(["a", "b"], worker.Received.Single(m => m.StartedReceived is not null).StartedReceived.Tasks);
    }

    [Fact]
    public async Task Registration_gives_ids_and_the_heartbeat_interval_and_a_returning_worker_keeps_its_id()
    {
        var first = await RegisterAsync(new RegisterWorkerRequest { HostName = "a", Address = "http://10.0.0.5:4000", Slots = 2 });
        var back = await RegisterAsync(new RegisterWorkerRequest { HostName = "b", Address = "http://10.0.0.6:4000", Slots = 2, PreviousId = "w-7" });
        var clash = await RegisterAsync(new RegisterWorkerRequest { HostName = "c", Address = "http://10.0.0.7:4000", Slots = 2, PreviousId = "w-7" });

        Assert.Equal(("w-1", 1000, true), (first.WorkerId, first.HeartbeatIntervalMs, first.AcknowledgesStarted));
        Assert.Equal("w-7", back.WorkerId);
        Assert.Equal("w-8", clash.WorkerId);
    }

    [Theory]
    [InlineData("not a url", 1, "worker address 'not a url' is not an http:// or https:// URL")]
    [InlineData("ftp://x:1", 1, "worker address 'ftp://x:1' is not an http:// or https:// URL")]
    [InlineData("http://x:1", 0, "a worker needs at least 1 slot, not 0")]
    public async Task Registration_checks_the_request(string address, int slots, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(new RegisterWorkerRequest { Address = address, Slots = slots }));

        Assert.Equal((StatusCode.InvalidArgument, message), (error.StatusCode, error.Detail));
    }

    [Fact]
    public async Task Connect_must_start_with_the_hello_of_a_registered_worker()
    {
        var unknown = await ConnectAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = "w-42" } });
        var heartbeat = await ConnectAsync(new WorkerMessage { Heartbeat = new Heartbeat() });
        var garbage = await ConnectAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = "bob" } });

        Assert.Equal((StatusCode.NotFound, "unknown worker w-42: call RegisterWorker first"), (unknown.StatusCode, unknown.Detail));
        Assert.Equal(StatusCode.FailedPrecondition, heartbeat.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, garbage.StatusCode);
    }

    [Fact]
    public async Task A_second_stream_for_a_connected_worker_is_refused()
    {
        await using var worker = await FakeWorker.StartAsync(_host.Address, "a");
        await _client.WaitForStatusAsync(s => s.Workers.Count == 1, "connected");

        var second = await ConnectAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = worker.Id } });

        Assert.Equal((StatusCode.FailedPrecondition, $"worker {worker.Id} already has a Connect stream"), (second.StatusCode, second.Detail));
    }

    [Fact]
    public async Task Stopping_the_scheduler_lets_its_workers_go_to_come_back_to_the_next_one()
    {
        await using var worker = await FakeWorker.StartAsync(_host.Address, "a");
        await _client.WaitForStatusAsync(s => s.Workers.Count == 1, "connected");

        await _host.StopAsync();

        var ended = await worker.Ended.WaitAsync(Patience.Wait);
        Assert.True(ended.StatusCode == StatusCode.OK, $"the stream ended {ended}");
        var last = worker.Received[^1].Shutdown;
        Assert.Equal(("the scheduler is stopping; keep running and register again when it is back", true), (last.Reason, last.Reconnect));
    }

    [Fact]
    public async Task Stopping_a_scheduler_that_owns_its_workers_tells_them_to_shut_down()
    {
        await using var owner = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0, ShutdownWorkersOnStop = true });
        using var client = new SchedulerClient(owner.Address);
        await using var worker = await FakeWorker.StartAsync(owner.Address, "a");
        await client.WaitForStatusAsync(s => s.Workers.Count == 1, "connected");

        await owner.StopAsync();

        var ended = await worker.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(ended.StatusCode == StatusCode.OK, $"the stream ended {ended}");
        Assert.Equal(("the scheduler is stopping", false), (worker.Received[^1].Shutdown.Reason, worker.Received[^1].Shutdown.Reconnect));
    }

    private Task<RegisterWorkerReply> RegisterAsync(RegisterWorkerRequest request) => SchedulerApi.Client(_client.Channel).RegisterWorkerAsync(request).ResponseAsync;

    private async Task<Status> ConnectAsync(WorkerMessage first)
    {
        using var call = SchedulerApi.Client(_client.Channel).Connect(CallOptions.FromTimeout(Patience.Wait));
        await call.RequestStream.WriteAsync(first);
        try
        {
            while (await call.ResponseStream.MoveNext())
            {
            }
            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }
}
