using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.Core;

/// <summary>Where ready tasks go: by load, by file locality (pinned or shared), by input locality; batching and waiting.</summary>
public sealed class PlacementTests
{
    private readonly CoreHarness _core = new();

    [Fact]
    public void Independent_tasks_spread_by_load_and_wait_when_every_worker_is_full()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");

        var (_, submitted) = _core.Submit(new GraphBuilder().Task("t1").Task("t2").Task("t3").Task("t4").Task("t5"));

        Assert.Equal(["accepted j-1: 5 tasks", "run w-1: t1 t3", "run w-2: t2 t4"], submitted);
        Assert.Equal(["release w-1: t1", "run w-1: t5"], _core.Finished(a, "t1"));
        Assert.Equal(["release w-2: t2"], _core.Finished(b, "t2"));
    }

    [Fact]
    public void Load_is_counted_per_slot()
    {
        _core.AddWorker("big", slots: 3);
        _core.AddWorker("small", slots: 1);

        var (_, submitted) = _core.Submit(new GraphBuilder().Task("t1").Task("t2").Task("t3").Task("t4"));

        Assert.Equal(["accepted j-1: 4 tasks", "run w-1: t1 t3 t4", "run w-2: t2"], submitted);
    }

    [Fact]
    public void A_scan_of_a_file_only_some_workers_see_runs_only_there()
    {
        var a = _core.AddWorker("a", slots: 2);
        var b = _core.AddWorker("b", slots: 2);
        ListFiles([a, b], ("/d/local.csv", [b]), ("/d/shared.csv", [a, b]));

        var (_, submitted) = _core.Submit(new GraphBuilder().Task("x").Scan("s1", "/d/local.csv").Scan("s2", "/d/local.csv").Scan("s3", "/d/shared.csv"));

        // x takes w-1; the pinned scans go to w-2 although w-1 is less loaded; the shared one goes where load is lowest.
        Assert.Equal(["accepted j-1: 4 tasks", "run w-1: x s3", "run w-2: s1 s2"], submitted);
    }

    [Fact]
    public void A_pinned_scan_waits_for_its_host_even_when_another_worker_has_room()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        ListFiles([a, b], ("/d/local.csv", [b]));

        var (_, submitted) = _core.Submit(new GraphBuilder().Task("x1").Task("x2").Task("x3").Task("x4").Scan("s", "/d/local.csv"));

        Assert.Equal(["accepted j-1: 5 tasks", "run w-1: x1 x3", "run w-2: x2 x4"], submitted);
        Assert.Equal(["release w-1: x1"], _core.Finished(a, "x1"));
        Assert.Equal(["release w-2: x2", "run w-2: s"], _core.Finished(b, "x2"));
    }

    [Fact]
    public void A_file_never_listed_may_be_scanned_anywhere()
    {
        _core.AddWorker("a");
        _core.AddWorker("b");

        var (_, submitted) = _core.Submit(new GraphBuilder().Task("x").Scan("s", "/d/unknown.csv"));

        Assert.Equal(["accepted j-1: 2 tasks", "run w-1: x", "run w-2: s"], submitted);
    }

    [Fact]
    public void Inputs_already_local_win_over_load_and_remote_inputs_carry_their_holders_addresses()
    {
        var a = _core.AddWorker("a", slots: 2);
        var b = _core.AddWorker("b", slots: 2);
        _core.Submit(new GraphBuilder().Task("p").Task("q").Task("x").Task("y").Task("z").Task("c", "p").Task("d", "p", "q"));

        Assert.Empty(_core.Finished(b, 5000, "q"));
        // w-1 has x and z, w-2 only y: c still goes to w-1, which holds p; d to w-2, which holds more of its input bytes.
        Assert.Equal(["run w-1: c", "run w-2: d"], _core.Finished(a, 1000, "p"));

        var runs = _core.Last.OfType<SendTasks>().ToDictionary(r => r.Worker);
        var c = Assert.Single(runs[a].Tasks);
        Assert.Empty(Assert.Single(c.Inputs).Addresses);
        var d = Assert.Single(runs[b].Tasks);
        Assert.Equal(["http://a:7000"], d.Inputs[0].Addresses);
        Assert.Empty(d.Inputs[1].Addresses);
        Assert.Equal((new JobId(1), 1), (d.Job, d.Attempt));
    }

    [Fact]
    public void A_worker_runs_one_task_of_a_key_at_a_time_across_jobs()
    {
        var a = _core.AddWorker("a");
        _core.Submit(new GraphBuilder().Task("k").Outputs("k"));

        var (_, second) = _core.Submit(new GraphBuilder().Task("k").Outputs("k"));

        Assert.Equal(["accepted j-2: 1 tasks"], second);
        Assert.Equal(["progress j-1: 1/1", "finished j-1: k@w-1", "run w-1: k"], _core.Finished(a, "k"));
        Assert.Equal(["progress j-2: 1/1", "finished j-2: k@w-1"], _core.Finished(a, "k"));
        // Both jobs hold k on w-1: it is dropped only when the second lets go.
        Assert.Empty(_core.Handle(new ResultsReleased(new JobId(1))));
        Assert.Equal(["release w-1: k"], _core.Handle(new ResultsReleased(new JobId(2))));
    }

    [Fact]
    public void Placement_explains_itself()
    {
        var placement = new Placement();

        var none = placement.Decide(new TaskInfo(FakeJob(), 0, new GraphBuilder().Task("u").Tasks[0]), [], pinned: false, anyRoom: false);
        var pinned = placement.Decide(new TaskInfo(FakeJob(), 0, new GraphBuilder().Scan("u", "/x").Tasks[0]), [], pinned: true, anyRoom: false);

        Assert.Equal("wait: no worker is connected", none.ToString());
        Assert.Equal("infeasible: no connected worker sees /x", pinned.ToString());
    }

    private static JobInfo FakeJob() =>
        new(new JobId(9), 1, new JobSubmitted(new JobId(9), "fake", new GraphBuilder().Task("u").Build(), 3, false), CoreHarness.Start);

    private void ListFiles(WorkerId[] participants, params (string Path, WorkerId[] Workers)[] files) =>
        _core.Handle(new FilesListed([.. files.Select(f => new ListedFile(f.Path, 10, 1, f.Workers, [.. f.Workers.Select(w => w.ToString())]))], participants));
}
