using Grpc.Core;
using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Hosting;
using FramesNet.Scheduler.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>The loop alone, on a test clock: items run in order, with the time they were posted at.</summary>
public sealed class SchedulerLoopTests
{
    [Fact]
    public async Task A_busy_loop_does_not_take_the_heartbeats_queued_behind_it_for_late_ones()
    {
        var clock = new FakeTimeProvider();
        var loop = new SchedulerLoop(new SchedulerCore(), new CommandDispatcher(NullLogger.Instance), clock, NullLogger.Instance);
        loop.Start();
        var worker = await loop.InvokeAsync((core, now, _) =>
        {
            var id = core.NewWorkerId(null);
            core.Handle(new WorkerRegistered(id, new WorkerDescription("a", "http://a:1", 1, 0, [], "test")), now);
            core.Handle(new WorkerConnected(id, 1, []), now);
            return id;
        });
        var gate = new TaskCompletionSource();
        var busy = loop.InvokeAsync((_, _, _) => gate.Task.Wait(TimeSpan.FromSeconds(30))); // a huge submission, say

        // Five seconds pass while the loop is busy; the worker beats every second, each beat after a tick.
        for (var second = 0; second < 5; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            loop.Post(Tick.Instance);
            loop.Post(new WorkerHeartbeat(worker, 0, 0, 0));
        }
        gate.SetResult();

        Assert.True(await busy);
        var status = await loop.InvokeAsync((core, now, _) => core.Status(now));
        Assert.Equal([worker], status.Workers.Select(w => w.Id));
        await loop.StopAsync();
    }

    [Fact]
    public async Task A_failure_inside_the_core_stops_the_loop_and_later_calls_are_refused()
    {
        var loop = new SchedulerLoop(new SchedulerCore(), new CommandDispatcher(NullLogger.Instance), new FakeTimeProvider(), NullLogger.Instance);
        loop.Start();

        // Connecting a worker that never registered is a bug of the caller: the core throws.
        loop.Post(new WorkerConnected(new WorkerId(3), 1, []));

        await Assert.ThrowsAsync<InvalidOperationException>(() => loop.Completion);
        var refused = await Assert.ThrowsAsync<RpcException>(() => loop.InvokeAsync((_, _, _) => 0));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
    }
}
