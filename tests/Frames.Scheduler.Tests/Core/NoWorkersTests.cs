using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.Core;

/// <summary>A job that no worker can run waits a bounded time (the core's clock), then fails saying why.</summary>
public sealed class NoWorkersTests
{
    // Heartbeats are not what these tests are about: workers here go only when told.
    private readonly CoreHarness _core = new(new SchedulerSettings { NoWorkersTimeout = TimeSpan.FromSeconds(30), HeartbeatInterval = TimeSpan.FromHours(1) });

    [Fact]
    public void A_job_submitted_when_no_worker_ever_joined_fails_after_the_timeout_naming_why()
    {
        _core.Submit(new GraphBuilder().Task("a").Task("b").Task("c", "a", "b").Outputs("c"));
        _core.Advance(TimeSpan.FromSeconds(29.9));
        Assert.DoesNotContain(_core.Tick(), c => c.StartsWith("failed", StringComparison.Ordinal));

        _core.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal([
            "failed j-1: no worker has connected to the scheduler in the 30 s since job j-1 was submitted; the job's 3 tasks cannot run. "
            + "Start frames-worker processes with --scheduler pointing at this scheduler, or see in their logs why they stopped "
            + "(the scheduler's --no-workers-timeout is 30 s)",
        ], _core.Tick());
        Assert.Equal(JobPhase.Ended, _core.Core.PhaseOf(new JobId(1)));
    }

    [Fact]
    public void When_every_worker_is_lost_the_wait_counts_from_the_loss_and_names_the_last_worker()
    {
        var a = _core.AddWorker("node-7");
        _core.Submit(new GraphBuilder().Task("a").Task("b").Task("c", "a", "b").Outputs("c"));
        _core.Finished(a, "a");
        _core.Advance(TimeSpan.FromSeconds(10));
        _core.Lost(a, "missed 3 heartbeats");
        _core.Advance(TimeSpan.FromSeconds(29));
        Assert.DoesNotContain(_core.Tick(), c => c.StartsWith("failed", StringComparison.Ordinal));

        _core.Advance(TimeSpan.FromSeconds(1));

        var failed = Assert.Single(_core.Tick(), c => c.StartsWith("failed", StringComparison.Ordinal));
        Assert.Equal("failed j-1: no worker has been connected for 30 s (the last: w-1 (host node-7) missed 3 heartbeats); the job's 3 tasks cannot run. "
            + "Start frames-worker processes with --scheduler pointing at this scheduler, or see in their logs why they stopped "
            + "(the scheduler's --no-workers-timeout is 30 s)", failed);
    }

    [Fact]
    public void A_worker_back_in_time_saves_the_job()
    {
        var a = _core.AddWorker("node-7");
        _core.Submit(new GraphBuilder().Task("a").Task("b", "a").Outputs("b"));
        _core.Finished(a, "a");
        _core.Handle(new WorkerLost(a, 1, "connection broken")); // its output of a goes with it: a is ready again
        _core.Advance(TimeSpan.FromSeconds(20));
        var b = _core.AddWorker("node-8");
        _core.Advance(TimeSpan.FromSeconds(20));

        Assert.DoesNotContain(_core.Tick(), c => c.StartsWith("failed", StringComparison.Ordinal));
        Assert.Equal(["run w-2: b"], _core.Finished(b, "a"));
        Assert.Equal(["progress j-1: 2/2", "finished j-1: b@w-2", "release w-2: a"], _core.Finished(b, "b"));
    }

    [Fact]
    public void A_job_submitted_long_after_the_last_worker_went_still_gets_the_whole_wait()
    {
        var a = _core.AddWorker("node-7");
        _core.Lost(a);
        _core.Advance(TimeSpan.FromMinutes(10));
        _core.Submit(new GraphBuilder().Task("a"));
        _core.Advance(TimeSpan.FromSeconds(29));
        Assert.DoesNotContain(_core.Tick(), c => c.StartsWith("failed", StringComparison.Ordinal));

        _core.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains(_core.Tick(), c => c.StartsWith("failed j-1: no worker has been connected for 630 s (the last: w-1 (host node-7) connection broken); the job's 1 tasks", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_running_jobs_fail_and_an_infinite_timeout_waits_for_ever()
    {
        var patient = new CoreHarness(new SchedulerSettings { NoWorkersTimeout = Timeout.InfiniteTimeSpan });
        patient.Submit(new GraphBuilder().Task("a"));
        patient.Advance(TimeSpan.FromDays(3));
        Assert.DoesNotContain(patient.Tick(), c => c.StartsWith("failed", StringComparison.Ordinal));

        var a = _core.AddWorker("node-7");
        _core.Submit(new GraphBuilder().Task("a").Outputs("a"));
        Assert.Contains("finished j-1: a@w-1", _core.Finished(a, "a"));
        _core.Lost(a);
        _core.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(_core.Tick()); // finished, results held: nothing left to run
    }
}
