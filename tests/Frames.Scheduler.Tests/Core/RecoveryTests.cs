using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.Core;

/// <summary>Lost workers (stream or heartbeats), lineage recomputation, missing inputs, attempts.</summary>
public sealed class RecoveryTests
{
    private readonly CoreHarness _core = new(new SchedulerSettings { HeartbeatInterval = TimeSpan.FromSeconds(1), MissedHeartbeats = 3 });

    [Fact]
    public void A_worker_that_misses_its_heartbeats_is_removed_and_its_tasks_run_elsewhere()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Submit(new GraphBuilder().Task("t1").Task("t2"));
        _core.Started(a, "t1");
        Assert.Equal(["progress j-1: 0/2"], _core.Tick());

        _core.Advance(TimeSpan.FromSeconds(2));
        _core.Heartbeat(b);
        _core.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Empty(_core.Tick());
        _core.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Equal([
            "disconnect w-1: missed 3 heartbeats",
            "j-1 t1 rescheduled w-1: w-1 (host a) missed 3 heartbeats",
            "progress j-1: 0/2",
            "run w-2: t1",
        ], _core.Tick());
        Assert.Equal(2, ((SendTasks)_core.Last[^1]).Tasks[0].Attempt);
    }

    [Fact]
    public void A_registered_worker_may_open_its_stream_long_after_several_heartbeat_intervals_within_the_grace()
    {
        var core = new CoreHarness(new SchedulerSettings { HeartbeatInterval = TimeSpan.FromMilliseconds(200), ConnectGrace = TimeSpan.FromSeconds(30) });
        var id = core.Core.NewWorkerId(null);
        core.Handle(new WorkerRegistered(id, new WorkerDescription("slow", "http://slow:7000", 1, 0, [], "test")));

        core.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(core.Tick());

        Assert.Null(core.Core.ConnectRefusal(id));
        core.Connect(id);
        var (_, commands) = core.Submit(new GraphBuilder().Task("t1"));
        Assert.Contains("run w-1: t1", commands);
    }

    [Fact]
    public void A_registered_worker_that_never_opens_its_stream_is_forgotten_after_the_grace()
    {
        var core = new CoreHarness(new SchedulerSettings { HeartbeatInterval = TimeSpan.FromMilliseconds(200), ConnectGrace = TimeSpan.FromSeconds(30) });
        var id = core.Core.NewWorkerId(null);
        core.Handle(new WorkerRegistered(id, new WorkerDescription("gone", "http://gone:7000", 1, 0, [], "test")));

        core.Advance(TimeSpan.FromSeconds(30.1));
        core.Tick();

        Assert.Equal($"unknown worker {id}: call RegisterWorker first", core.Core.ConnectRefusal(id));
    }

    [Fact]
    public void A_broken_stream_removes_the_worker_and_its_queued_and_running_tasks_run_elsewhere()
    {
        var a = _core.AddWorker("a", slots: 2);
        _core.AddWorker("b", slots: 2);
        _core.Submit(new GraphBuilder().Task("t1").Task("t2").Task("t3"));
        _core.Started(a, "t1");

        Assert.Equal([
            "disconnect w-1: connection broken",
            "j-1 t1 rescheduled w-1: w-1 (host a) connection broken",
            "j-1 t3 rescheduled w-1: w-1 (host a) connection broken",
            "run w-2: t1 t3",
        ], _core.Lost(a));
    }

    [Fact]
    public void News_about_an_old_connection_is_ignored()
    {
        var a = _core.AddWorker("a");

        Assert.Empty(_core.Handle(new WorkerLost(a, 999, "connection broken")));
        Assert.Equal("worker w-1 already has a Connect stream", _core.Core.ConnectRefusal(a));
        Assert.Equal("unknown worker w-7: call RegisterWorker first", _core.Core.ConnectRefusal(new WorkerId(7)));
    }

    [Fact]
    public void A_lost_output_still_needed_is_recomputed_from_lineage()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Submit(new GraphBuilder().Task("p").Task("q").Task("c", "p", "q").Outputs("c"));
        Assert.Empty(_core.Finished(a, "p"));

        Assert.Equal([
            "disconnect w-1: connection broken",
            "j-1 p rescheduled: output lost: its output was only on w-1 (host a) connection broken",
            "run w-2: p",
        ], _core.Lost(a));
        Assert.Equal(["run w-2: c"], _core.Finished(b, "q", "p"));
        Assert.Equal(["progress j-1: 3/3", "finished j-1: c@w-2", "release w-2: p q"], _core.Finished(b, "c"));
    }

    [Fact]
    public void Lineage_reaches_back_through_released_inputs()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Submit(new GraphBuilder().Task("p").Task("m", "p").Task("other").Task("c", "m", "other").Outputs("c"));
        Assert.Equal(["run w-1: m"], _core.Finished(a, "p"));
        Assert.Equal(["release w-1: p"], _core.Finished(a, "m"));

        // m's only copy goes with w-1, and p (its input) was already released: both run again, p first.
        Assert.Equal([
            "disconnect w-1: connection broken",
            "j-1 m rescheduled: output lost: its output was only on w-1 (host a) connection broken",
            "j-1 p rescheduled: output lost: needed again",
            "run w-2: p",
        ], _core.Lost(a));
        Assert.Equal(["run w-2: m"], _core.Finished(b, "p"));
        Assert.Equal(["release w-2: p"], _core.Finished(b, "m"));
        Assert.Equal(["run w-2: c"], _core.Finished(b, "other"));
    }

    [Fact]
    public void An_output_nobody_needs_any_more_is_not_recomputed()
    {
        var a = _core.AddWorker("a");
        _core.AddWorker("b");
        _core.Submit(new GraphBuilder().Task("p").Task("q").Task("c", "p").Outputs("q"));
        _core.Finished(a, "p");
        Assert.Equal(["release w-1: p c"], _core.Finished(a, "c"));

        Assert.Equal(["disconnect w-1: connection broken"], _core.Lost(a));
    }

    [Fact]
    public void A_missing_input_is_recomputed_and_the_task_runs_again()
    {
        var a = _core.AddWorker("a");
        _core.AddWorker("b");
        _core.Submit(new GraphBuilder().Task("p").Task("x").Task("c", "p"));
        Assert.Equal(["run w-1: c"], _core.Finished(a, "p"));

        Assert.Equal([
            "j-1 p rescheduled: output lost: w-1 (host a) could not fetch it",
            "j-1 c rescheduled w-1: input p could not be fetched",
            "release w-1: p",
            "run w-1: p",
        ], _core.Failed(a, "c", "", missing: "p"));
        Assert.Equal(["run w-1: c"], _core.Finished(a, "p"));
        Assert.Equal(2, ((SendTasks)_core.Last[0]).Tasks[0].Attempt);
    }

    [Fact]
    public void A_task_that_loses_max_attempts_workers_fails_the_job_saying_how_each_died()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        var c = _core.AddWorker("c");
        _core.Submit(new GraphBuilder().Task("agg-1"));
        _core.Started(a, "agg-1");
        Assert.Contains("run w-2: agg-1", _core.Lost(a));
        _core.Started(b, "agg-1");
        _core.Advance(TimeSpan.FromSeconds(3.5));
        _core.Heartbeat(c);
        Assert.Contains("run w-3: agg-1", _core.Tick());
        _core.Started(c, "agg-1");

        const string message = "task agg-1 failed: lost 3 workers running it: "
            + "w-1 (host a) connection broken; w-2 (host b) missed 3 heartbeats; w-3 (host c) connection broken";
        Assert.Equal([
            "disconnect w-3: connection broken",
            "j-1 agg-1 failed: " + message,
            "failed j-1 agg-1: " + message,
        ], _core.Lost(c));
    }

    [Fact]
    public void Queued_tasks_lost_with_a_worker_do_not_count_as_attempts()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Submit(new GraphBuilder().Task("t"), maxAttempts: 1);

        Assert.Contains("run w-2: t", _core.Lost(a));
        Assert.DoesNotContain(_core.Lost(b), line => line.StartsWith("failed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scan_whose_only_host_is_gone_fails_its_job()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Handle(new FilesListed([new ListedFile("/d/x.csv", 1, 1, [b], ["b"])], [a, b]));
        _core.Lost(b);

        var (_, submitted) = _core.Submit(new GraphBuilder().Scan("s", "/d/x.csv"));

        const string message = "task s cannot run: no connected worker sees /d/x.csv (only w-2 (host b) saw it)";
        Assert.Equal(["accepted j-1: 1 tasks", "j-1 s failed: " + message, "failed j-1 s: " + message], submitted);
    }

    [Fact]
    public void A_parked_scan_fails_when_its_host_goes()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Handle(new FilesListed([new ListedFile("/d/x.csv", 1, 1, [b], ["b"])], [a, b]));
        _core.Submit(new GraphBuilder().Task("x1").Task("x2").Task("x3").Task("x4").Scan("s", "/d/x.csv"));

        var lost = _core.Lost(b);

        Assert.Contains("failed j-1 s: task s cannot run: only w-2 (host b) saw /d/x.csv, and w-2 (host b) connection broken", lost);
    }

    [Fact]
    public void A_parked_scan_moves_to_another_host_of_its_file_when_its_worker_goes()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Handle(new FilesListed([new ListedFile("/d/x.csv", 1, 1, [a, b], ["a", "b"])], [a, b, new WorkerId(9)]));
        _core.Lost(b);
        _core.Submit(new GraphBuilder().Task("x1").Task("x2").Scan("s", "/d/x.csv")); // s waits in w-1's queue only
        var back = _core.Core.NewWorkerId("w-2");
        _core.Handle(new WorkerRegistered(back, new WorkerDescription("b", "http://b:7000", 1, 0, [], "test")));
        _core.Connect(back);

        Assert.Contains("run w-2: x1 x2", _core.Lost(a));
        Assert.Equal(["release w-2: x1", "run w-2: s"], _core.Finished(back, "x1"));
    }

    [Fact]
    public void A_reconnecting_worker_drops_what_nobody_needs_or_is_being_recomputed()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Submit(new GraphBuilder().Task("p").Task("q").Task("c", "p", "q"));
        _core.Finished(a, "p");
        Assert.Equal(["run w-1: c"], _core.Finished(b, "q"));
        Assert.Contains("run w-1: q", _core.Lost(b)); // c may not find q: it is computed again

        var id = _core.Core.NewWorkerId("w-2");
        _core.Handle(new WorkerRegistered(id, new WorkerDescription("b", "http://b:7000", 1, 0, [], "test")));

        Assert.Equal(new WorkerId(2), id);
        Assert.Equal(["release w-2: q zzz"], _core.Connect(id, GraphBuilder.Ref("q"), GraphBuilder.Ref("zzz")));
    }

    [Fact]
    public void A_reconnecting_worker_holding_a_result_becomes_a_copy_of_it()
    {
        var a = _core.AddWorker("a");
        _core.Submit(new GraphBuilder().Task("p").Outputs("p"));
        _core.Finished(a, "p");
        var id = _core.Core.NewWorkerId("w-5");
        _core.Handle(new WorkerRegistered(id, new WorkerDescription("e", "http://e:7000", 1, 0, [], "test")));

        Assert.Empty(_core.Connect(id, GraphBuilder.Ref("p")));
        Assert.Equal(["release w-1: p", "release w-5: p"], _core.Handle(new ResultsReleased(new JobId(1))));
        Assert.Equal(new WorkerId(6), _core.Core.NewWorkerId(null));
    }
}
