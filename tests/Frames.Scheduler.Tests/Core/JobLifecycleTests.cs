using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.Core;

/// <summary>A job from submission to its end: results, releases, failures, cancellation, progress and task events.</summary>
public sealed class JobLifecycleTests
{
    private readonly CoreHarness _core = new();

    [Fact]
    public void Intermediate_outputs_are_released_once_their_consumers_finish_and_results_when_the_client_releases()
    {
        var a = _core.AddWorker("a");
        var (job, _) = _core.Submit(new GraphBuilder().Task("p").Task("m", "p").Task("r", "m").Outputs("r"));

        Assert.Equal(["run w-1: m"], _core.Finished(a, "p"));
        Assert.Equal(["release w-1: p", "run w-1: r"], _core.Finished(a, "m"));
        Assert.Equal(["progress j-1: 3/3", "finished j-1: r@w-1", "release w-1: m"], _core.Finished(a, "r"));

        Assert.Equal(JobPhase.Finished, _core.Core.PhaseOf(job));
        Assert.Equal(["release w-1: r"], _core.Handle(new ResultsReleased(job)));
        Assert.Equal(JobPhase.Ended, _core.Core.PhaseOf(job));
        Assert.Equal(JobPhase.Unknown, _core.Core.PhaseOf(new JobId(2)));
    }

    [Fact]
    public void A_client_that_could_not_gather_the_results_fails_the_job_with_its_message_and_status_says_so()
    {
        var a = _core.AddWorker("a");
        var (job, _) = _core.Submit(new GraphBuilder().Task("r").Outputs("r"));
        _core.Finished(a, "r");

        Assert.Equal(["failed j-1: the client could not gather the results of job j-1: w-1 could not send r: disk gone", "release w-1: r"],
            _core.Handle(new ResultsReleased(job, "w-1 could not send r: disk gone")));

        Assert.Equal(JobPhase.Ended, _core.Core.PhaseOf(job));
        var status = _core.Core.Status(DateTimeOffset.UnixEpoch);
        Assert.Empty(status.Jobs);
        var ended = Assert.Single(status.Ended);
        Assert.Equal((job, JobState.Failed), (ended.Id, ended.State));
        Assert.Contains("disk gone", ended.Message);
    }

    [Fact]
    public void Ended_jobs_are_shown_up_to_the_limit_newest_last()
    {
        var core = new CoreHarness(new SchedulerSettings { EndedJobsKept = 2 });
        var a = core.AddWorker("a");
        for (var i = 0; i < 3; i++)
        {
            var (job, _) = core.Submit(new GraphBuilder().Task($"r{i}").Outputs($"r{i}"));
            core.Finished(a, $"r{i}");
            core.Handle(new ResultsReleased(job));
        }

        var ended = core.Core.Status(DateTimeOffset.UnixEpoch).Ended;
        Assert.Equal(["j-2", "j-3"], ended.Select(j => j.Id.ToString()));
        Assert.All(ended, j => Assert.Equal(JobState.Finished, j.State));
    }

    [Fact]
    public void Results_carry_holders_addresses_and_sizes_in_output_order()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        _core.Submit(new GraphBuilder().Task("p", 2, 0).Task("q").Outputs("q", "p[1]", "p[0]"));
        _core.Handle(new TasksFinished(a, [new TaskCompletion(new TaskKey("p"), [new TaskOutput(0, 5, 50), new TaskOutput(1, 7, 70)], 1, 0, 0)]));

        Assert.Equal(["progress j-1: 2/2", "finished j-1: q@w-2 p[1]@w-1 p@w-1"], _core.Finished(b, "q"));
        var results = ((NotifyFinished)_core.Last[1]).Results;
        Assert.Equal(["http://a:7000"], results[1].Addresses);
        Assert.Equal((7L, 70L), (results[1].Rows, results[1].Bytes));
    }

    [Fact]
    public void A_graph_without_tasks_finishes_at_once()
    {
        var (job, submitted) = _core.Submit(new GraphBuilder());

        Assert.Equal(["accepted j-1: 0 tasks", "progress j-1: 0/0", "finished j-1:"], submitted);
        Assert.Equal(JobPhase.Ended, _core.Core.PhaseOf(job));
    }

    [Fact]
    public void A_tasks_own_failure_fails_the_job_with_its_message_operator_and_input_and_releases_its_partitions()
    {
        var a = _core.AddWorker("a");
        _core.Submit(new GraphBuilder().Task("p").Task("f", "p").Outputs("f"));
        _core.Finished(a, "p");

        const string message = "task f failed on w-1 (host a): cannot parse 'x' as int64 (operator: Filter; input: /d/x.csv)";
        Assert.Equal([
            "j-1 f failed w-1: " + message,
            "failed j-1 f: " + message,
            "release w-1: p",
        ], _core.Failed(a, "f", "cannot parse 'x' as int64", "Filter", "/d/x.csv"));
    }

    [Fact]
    public void Cancelling_releases_the_jobs_partitions_and_drops_outputs_still_coming()
    {
        var a = _core.AddWorker("a");
        var b = _core.AddWorker("b");
        var (job, _) = _core.Submit(new GraphBuilder().Task("p").Task("q").Task("x").Task("c", "p", "q"));
        _core.Finished(a, "p");

        Assert.Equal(["failed j-1: job j-1 was cancelled: by the test", "release w-1: p"], _core.Handle(new JobCancelled(job, "by the test")));
        Assert.Equal(["release w-2: q"], _core.Finished(b, "q"));
        Assert.Equal(JobPhase.Ended, _core.Core.PhaseOf(job));
    }

    [Fact]
    public void Tasks_of_a_cancelled_job_still_on_a_worker_hold_their_slots_until_reported()
    {
        var a = _core.AddWorker("a");
        var (first, _) = _core.Submit(new GraphBuilder().Task("t1").Task("t2"));
        _core.Handle(new JobCancelled(first, "by the test"));

        var (_, second) = _core.Submit(new GraphBuilder().Task("u1"));

        Assert.Equal(["accepted j-2: 1 tasks"], second);
        Assert.Equal(["release w-1: t1", "run w-1: u1"], _core.Finished(a, "t1"));
    }

    [Fact]
    public void A_worker_joining_after_submission_gets_the_work()
    {
        var (_, submitted) = _core.Submit(new GraphBuilder().Task("t1").Task("t2").Task("t3"));
        Assert.Equal(["accepted j-1: 3 tasks"], submitted);

        var id = _core.Core.NewWorkerId(null);
        _core.Handle(new WorkerRegistered(id, new WorkerDescription("late", "http://late:7000", 1, 0, [], "test")));

        Assert.Equal(["run w-1: t1 t2"], _core.Connect(id));
    }

    [Fact]
    public void A_worker_joining_mid_job_shares_the_rest()
    {
        var a = _core.AddWorker("a");
        _core.Submit(new GraphBuilder().Task("t1").Task("t2").Task("t3").Task("t4").Task("t5"));

        var late = _core.AddWorker("late");

        Assert.Equal(["run w-2: t3 t4"], CommandText.Format(_core.Last));
        Assert.Equal(["release w-1: t1", "run w-1: t5"], _core.Finished(a, "t1"));
        Assert.Equal(new WorkerId(2), late);
    }

    [Fact]
    public void Progress_is_coalesced_into_one_event_per_tick()
    {
        var a = _core.AddWorker("a", slots: 4);
        _core.Submit(new GraphBuilder().Task("t1").Task("t2").Task("t3").Task("t4").Task("t5"));
        _core.Finished(a, "t1");
        _core.Finished(a, "t2", "t3");

        Assert.Equal(["progress j-1: 3/5"], _core.Tick());
        Assert.Empty(_core.Tick());
        _core.Finished(a, "t4");
        Assert.Equal(["progress j-1: 4/5"], _core.Tick());
    }

    [Fact]
    public void Started_and_finished_task_events_go_out_only_when_asked_for()
    {
        var a = _core.AddWorker("a");
        _core.Submit(new GraphBuilder().Task("t1").Task("t2"), taskEvents: true);
        _core.Submit(new GraphBuilder().Task("u1"), taskEvents: false);

        Assert.Equal(["j-1 t1 started w-1"], _core.Started(a, "t1"));
        Assert.Equal(["j-1 t1 finished w-1", "release w-1: t1", "run w-1: u1"], _core.Finished(a, "t1"));
        Assert.Empty(_core.Started(a, "u1"));
        var finished = _core.Handle(new TasksFinished(a, [new TaskCompletion(new TaskKey("t2"), [], 2.5, 11, 99)]));
        Assert.Equal(["j-1 t2 started w-1", "j-1 t2 finished w-1", "progress j-1: 2/2", "finished j-1:", "release w-1: t2"], finished);
        var notice = _core.Last.OfType<NotifyTask>().Single(n => n.Kind == TaskEventKind.Finished);
        Assert.Equal(("a", 2.5, 11L, 99L), (notice.Host, notice.Seconds, notice.RowsRead, notice.BytesRead));
    }

    [Fact]
    public void Reports_from_unknown_workers_or_about_unknown_tasks_change_nothing()
    {
        var a = _core.AddWorker("a");
        _core.Submit(new GraphBuilder().Task("t1"));

        Assert.Empty(_core.Finished(new WorkerId(9), "t1"));
        Assert.Empty(_core.Started(a, "nope"));
        Assert.Empty(_core.Failed(a, "nope", "boom"));
        Assert.Equal(["release w-1: nope"], _core.Finished(a, "nope"));
    }
}
