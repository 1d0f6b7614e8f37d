using System.Net.Sockets;
using System.Net;
using FramesNet.Cluster;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Worker.Connection;
using FramesNet.Worker.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Case = FramesNet.Rpc.Protocol.WorkerMessage.MessageOneofCase;
using PartitionRef = FramesNet.Physical.PartitionRef;

namespace FramesNet.Worker.Tests.Connection;

public class ControlStreamTests
{
    [Fact]
    public async Task The_worker_registers_with_its_details_and_says_hello_first()
    {
        using var folder = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { Slots = 3, MemoryLimit = 1 << 30, DataRoots = [folder.Path] });

        var registration = Assert.Single(worker.Scheduler.Registered.All);
        Assert.Equal("test-host", registration.HostName);
        Assert.Equal(worker.Host.Address.ToString().TrimEnd('/'), registration.Address);
        Assert.StartsWith("http://127.0.0.1:", registration.Address);
        Assert.Equal(3, registration.Slots);
        Assert.Equal(1L << 30, registration.MemoryLimit);
        Assert.Equal([folder.Path], registration.DataRoots);
        Assert.Equal("", registration.PreviousId);
        var hello = await worker.Session.NextAsync(heartbeats: true);
        Assert.Equal(Case.Hello, hello.MessageCase);
        Assert.Equal("w1", hello.Hello.WorkerId);
        Assert.Empty(hello.Hello.Stored);
    }

    [Fact]
    public async Task With_a_fixed_port_the_worker_registers_that_address_and_serves_on_it()
    {
        var port = FreePort();

        await using var worker = await TestWorker.StartAsync(o => o with { Port = port });

        Assert.Equal($"http://127.0.0.1:{port}", Assert.Single(worker.Scheduler.Registered.All).Address);
        Assert.Equal(port, worker.Host.Address.Port);
        Assert.Equal(worker.Host.WorkerId.Value, (await WorkerApi.Client(worker.Channel).HealthAsync(new HealthRequest()).ResponseAsync).WorkerId);
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var scheduler = await FakeScheduler.StartAsync();

        await Assert.ThrowsAnyAsync<IOException>(() =>
            WorkerHost.StartAsync(new WorkerOptions { Scheduler = scheduler.Address, Port = port }));
    }

    [Fact]
    public async Task Heartbeats_come_at_the_interval_the_scheduler_asked_for()
    {
        var clock = new FakeTimeProvider();
        await using var worker = await TestWorker.StartAsync(o => o with { Time = clock, ReportDelay = TimeSpan.Zero }, heartbeatMs: 100);
        Assert.Equal(Case.Hello, (await worker.Session.NextAsync(heartbeats: true)).MessageCase);

        for (var beat = 0; beat < 3; beat++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(Case.Heartbeat, (await worker.Session.NextAsync(heartbeats: true)).MessageCase);
        }
        clock.Advance(TimeSpan.FromMilliseconds(99));
        await worker.Session.SendAsync(new SchedulerMessage { Run = new RunTasks { Tasks = { Graphs.Run(Graphs.Numbers(1).BuildGraph().Tasks.Single()) } } });

        // 399 ms of the worker's time: exactly three heartbeats, then the task's report, not a fourth one.
        Assert.Equal(Case.Started, (await worker.Session.NextAsync(heartbeats: true)).MessageCase);
    }

    [Fact]
    public async Task Tasks_sent_to_the_worker_are_reported_started_then_finished_with_their_outputs()
    {
        await using var worker = await TestWorker.StartAsync();
        await worker.Session.NextAsync();
        var graph = Graphs.Numbers(4).BuildGraph();
        var runs = new RunTasks();
        runs.Tasks.AddRange(graph.Tasks.Select(t => Graphs.Run(t)));

        await worker.Session.SendAsync(new SchedulerMessage { Run = runs });
        var started = new HashSet<string>();
        var finished = new Dictionary<string, TaskDone>();
        while (finished.Count < graph.Tasks.Count)
        {
            var message = await worker.Session.NextAsync();
            if (message.MessageCase == Case.Started)
                started.UnionWith(message.Started.Tasks);
            else if (message.MessageCase == Case.Finished)
            {
                foreach (var done in message.Finished.Tasks)
                {
                    Assert.Contains(done.Task, started);
                    finished[done.Task] = done;
                }
            }
            else
                Assert.Fail($"unexpected {message}");
        }

        Assert.Equal(graph.Tasks.Select(t => t.Key.Value).Order(), finished.Keys.Order());
        Assert.Equal(Graphs.Rows, finished.Values.Sum(d => d.Outputs.Single().Rows));
        Assert.Equal(graph.Tasks.Count, worker.Host.Store.Count);
    }

    [Fact]
    public async Task A_task_failure_is_reported_with_its_message()
    {
        using var folder = new TestFolder();
        var path = folder.File("bad.csv", "a\nx\n");
        var options = new Formats.Csv.CsvReadOptions { Schema = new Columns.Schema(new Columns.Field("a", Columns.DataType.Int64)) };
        await using var worker = await TestWorker.StartAsync();
        await worker.Session.NextAsync();

        await worker.Session.SendAsync(new SchedulerMessage { Run = new RunTasks { Tasks = { Graphs.Run(Frames.ReadCsv(path, options).BuildGraph().Tasks.Single()) } } });

        Assert.Equal(Case.Started, (await worker.Session.NextAsync()).MessageCase);
        var failed = await worker.Session.NextAsync();
        Assert.Equal(Case.Failed, failed.MessageCase);
        Assert.Equal("scan", failed.Failed.Operator);
        Assert.Contains("bad.csv:2", failed.Failed.Message);
    }

    [Fact]
    public async Task ReleasePartitions_drops_the_tasks_outputs()
    {
        await using var worker = await TestWorker.StartAsync();
        await worker.Session.NextAsync();
        await PartitionTransfer.PutAsync(worker.Channel, new PartitionRef(new TaskKey("a"), 0), TestBatches.Schema, TestBatches.Many(1, 10), default);
        await PartitionTransfer.PutAsync(worker.Channel, new PartitionRef(new TaskKey("a"), 1), TestBatches.Schema, TestBatches.Many(1, 10), default);
        await PartitionTransfer.PutAsync(worker.Channel, new PartitionRef(new TaskKey("b"), 0), TestBatches.Schema, TestBatches.Many(1, 10), default);

        var marker = Graphs.Numbers(1).BuildGraph().Tasks.Single();

        await worker.Session.SendAsync(new SchedulerMessage { Release = new ReleasePartitions { Tasks = { "a" } } });
        // Commands are handled in order: once a task sent after the release is done, the release is done too.
        await worker.Session.SendAsync(new SchedulerMessage { Run = new RunTasks { Tasks = { Graphs.Run(marker) } } });
        while ((await worker.Session.NextAsync()).MessageCase != Case.Finished)
        {
        }

        Assert.Equal([new PartitionRef(new TaskKey("b"), 0), new PartitionRef(marker.Key, 0)], worker.Host.Store.Keys.OrderBy(k => k.Task.Value != "b"));
    }

    [Fact]
    public async Task After_the_stream_breaks_the_worker_registers_again_proposing_its_id_and_announces_what_it_holds()
    {
        await using var worker = await TestWorker.StartAsync();
        await worker.Session.NextAsync();
        var kept = new PartitionRef(new TaskKey("kept"), 2);
        await PartitionTransfer.PutAsync(worker.Channel, kept, TestBatches.Schema, TestBatches.Many(1, 10), default);

        worker.Session.Break();
        var second = await worker.Scheduler.NextSessionAsync();
        var hello = await second.NextAsync(heartbeats: true);

        Assert.Equal(2, worker.Scheduler.Registered.All.Count);
        Assert.Equal("w1", worker.Scheduler.Registered.All[1].PreviousId);
        Assert.Equal("w2", hello.Hello.WorkerId);
        Assert.Equal("w2", worker.Host.WorkerId.Value);
        var stored = Assert.Single(hello.Hello.Stored);
        Assert.Equal(("kept", 2), (stored.Task, stored.Bucket));
        Assert.False(worker.Host.Completion.IsCompleted);
    }

    [Fact]
    public async Task Shutdown_stops_the_worker_with_exit_code_0_and_the_reason()
    {
        var worker = await TestWorker.StartAsync();
        await worker.Session.NextAsync();

        await worker.Session.SendAsync(new SchedulerMessage { Shutdown = new Shutdown { Reason = "cluster going down" } });
        var exit = await worker.Host.Completion.WaitAsync(Patience.Wait);

        Assert.Equal(0, exit.Code);
        Assert.Contains("cluster going down", exit.Reason);
        await Assert.ThrowsAsync<RpcException>(() => WorkerApi.Client(worker.Channel).HealthAsync(new HealthRequest()).ResponseAsync);
        await worker.DisposeAsync();
    }

    [Fact]
    public async Task Shutdown_with_reconnect_closes_the_stream_cleanly_and_registers_again_keeping_the_store()
    {
        await using var worker = await TestWorker.StartAsync();
        await worker.Session.NextAsync();
        var kept = new PartitionRef(new TaskKey("kept"), 0);
        await PartitionTransfer.PutAsync(worker.Channel, kept, TestBatches.Schema, TestBatches.Many(1, 10), default);

        await worker.Session.SendAsync(new SchedulerMessage { Shutdown = new Shutdown { Reason = "the scheduler is stopping", Reconnect = true } });
        var closed = await worker.Session.WorkerClosedAsync();
        var second = await worker.Scheduler.NextSessionAsync();
        var hello = await second.NextAsync(heartbeats: true);

        Assert.True(closed, worker.Session.CloseError?.ToString());
        Assert.Equal("w1", worker.Scheduler.Registered.All[1].PreviousId);
        Assert.Equal(("kept", 0), (Assert.Single(hello.Hello.Stored).Task, hello.Hello.Stored[0].Bucket));
        Assert.False(worker.Host.Completion.IsCompleted);
    }

    [Fact]
    public async Task Stopping_the_worker_closes_its_side_of_the_stream()
    {
        var worker = await TestWorker.StartAsync();
        await worker.Session.NextAsync();

        var exit = await worker.Host.StopAsync().WaitAsync(Patience.Wait);

        Assert.Equal(0, exit.Code);
        Assert.True(await worker.Session.WorkerClosedAsync());
        await worker.DisposeAsync();
    }

    [Fact]
    public async Task An_unreachable_scheduler_is_retried_with_back_off_then_reported()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var clock = new WatchedClock();
        var starting = WorkerHost.StartAsync(new WorkerOptions { Scheduler = address, ConnectTimeout = TimeSpan.FromSeconds(1), Time = clock });

        // Each refused attempt waits on the clock before the next: 10 ms, then half as long again (in whole ms).
        var waits = new List<TimeSpan>();
        var expected = TimeSpan.FromMilliseconds(10);
        while (waits.Sum(w => w.Ticks) + expected.Ticks < TimeSpan.FromSeconds(1).Ticks)
        {
            var wait = await clock.NextTimerAsync();
            Assert.Equal(expected, wait);
            waits.Add(wait);
            clock.Advance(wait);
            expected = TimeSpan.FromMilliseconds(Math.Floor(expected.TotalMilliseconds * 3 / 2));
        }
        var error = await Assert.ThrowsAsync<SchedulerUnreachableException>(() => starting);

        // The next wait would end past the connect timeout: the worker gives up instead of waiting.
        var waited = TimeSpan.FromTicks(waits.Sum(w => w.Ticks));
        Assert.StartsWith($"cannot reach the scheduler at {address}: gave up after {waits.Count + 1} attempts in {waited.TotalSeconds:F1} s (", error.Message);
    }

    [Fact]
    public async Task A_scheduler_that_comes_up_late_is_reached_by_the_retries()
    {
        var port = FreePort();
        var starting = WorkerHost.StartAsync(new WorkerOptions { Scheduler = new Uri($"http://127.0.0.1:{port}"), ConnectTimeout = Patience.Wait });
        await using var scheduler = await FakeScheduler.StartAsync(port: port);

        await using var host = await starting.WaitAsync(Patience.Wait);

        Assert.Equal("w1", host.WorkerId.Value);
    }

    [Fact]
    public async Task A_scheduler_lost_for_longer_than_the_reconnect_timeout_ends_the_worker_non_zero()
    {
        var scheduler = await FakeScheduler.StartAsync();
        await using var worker = await TestWorker.StartAsync(o => o with { ReconnectTimeout = TimeSpan.FromMilliseconds(300) }, scheduler);
        await worker.Session.NextAsync();

        await scheduler.DisposeAsync();
        var exit = await worker.Host.Completion.WaitAsync(Patience.Wait);

        Assert.Equal(WorkerExit.SchedulerLost, exit.Code);
        Assert.Contains("cannot reach the scheduler", exit.Reason);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
