using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Hosting;
using FramesNet.Scheduler.Tests.TestSupport;
using static FramesNet.Scheduler.Tests.TestSupport.SchedulerClient;

namespace FramesNet.Scheduler.Tests.Hosting;

/// <summary>Jobs through an in-process scheduler and fake workers over real gRPC on loopback.</summary>
public sealed class JobRunTests : IAsyncLifetime
{
    private SchedulerHost _host = null!;
    private SchedulerClient _client = null!;
    private readonly List<FakeWorker> _workers = [];

    public async Task InitializeAsync()
    {
        _host = await SchedulerHost.StartAsync(new SchedulerOptions { Port = 0 });
        _client = new SchedulerClient(_host.Address);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
            await worker.DisposeAsync();
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_job_runs_to_the_end_with_its_result_locations_in_order()
    {
        var a = await AddWorkerAsync("host-a");
        var b = await AddWorkerAsync("host-b");

        var events = await _client.RunAsync(Graph(["s1", "s2", "s3", "s4", "agg:s1,s2,s3,s4"], "agg", "s2"));

        Assert.Equal(5, events[0].Accepted.Tasks);
        var finished = events[^1].Finished;
        Assert.NotNull(finished);
        Assert.Equal(events[0].Accepted.Job, finished.Job);
        Assert.Equal(["agg", "s2"], finished.Results.Select(r => r.Partition.Task));
        foreach (var result in finished.Results)
        {
            var holder = Assert.Single(result.WorkerIds);
            var worker = holder == a.Id ? a : holder == b.Id ? b : throw new InvalidOperationException($"unknown holder {holder}");
            Assert.Equal([worker.Address], result.Addresses);
            Assert.Contains(worker.Tasks, t => t.Task == result.Partition.Task);
        }
        Assert.Contains(events, e => e.Progress is { TasksDone: 5, TasksTotal: 5 });
        Assert.DoesNotContain(events, e => e.Task is not null);

        // Intermediate scans are released once agg is done; the results stay.
        var released = new HashSet<string>();
        foreach (var worker in new[] { a, b })
            await worker.WaitForAsync(w => w.Released.Count(k => k is "s1" or "s3" or "s4") == w.Tasks.Count(t => t.Task is "s1" or "s3" or "s4"), "release of its scans");
        released.UnionWith(a.Released.Concat(b.Released));
        Assert.Equal(["s1", "s3", "s4"], released.Order());
    }

    [Fact]
    public async Task A_worker_that_crashes_mid_job_has_its_tasks_run_by_the_other_and_the_job_finishes()
    {
        var crashing = await AddWorkerAsync("host-a", slots: 1, autoFinish: false);
        var steady = await AddWorkerAsync("host-b", slots: 1);
        var keys = Enumerable.Range(0, 8).Select(i => $"t{i}").ToArray();

        var run = _client.RunAsync(Graph(keys, keys));
        await crashing.WaitForAsync(w => w.Tasks.Count == 2, "two tasks queued");
        var stranded = crashing.Tasks.Select(t => t.Task).ToList();
        await crashing.CrashAsync();
        var events = await run;

        var finished = events[^1].Finished;
        Assert.NotNull(finished);
        Assert.All(finished.Results, r => Assert.Equal([steady.Id], r.WorkerIds));
        var rescheduled = events.Where(e => e.Task?.Kind == TaskEventKind.Rescheduled).Select(e => e.Task).ToList();
        Assert.Equal(stranded.Order(), rescheduled.Select(t => t.Task).Order());
        Assert.All(rescheduled, t => Assert.Equal((crashing.Id, "host-a"), (t.WorkerId, t.Host)));
        Assert.All(rescheduled, t => Assert.Contains("connection broken", t.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_graph_without_tasks_finishes_at_once_without_workers()
    {
        var events = await _client.RunAsync(new SubmitGraphRequest { Name = "empty" });

        Assert.Equal(0, events[0].Accepted.Tasks);
        Assert.Empty(events[^1].Finished.Results);
    }

    [Theory]
    [InlineData("duplicate", "invalid graph: duplicate task key 'a' (tasks #0 and #1)")]
    [InlineData("cycle", "invalid graph: the graph has a cycle: 'a' reads 'b' reads 'a'")]
    [InlineData("unknown", "invalid graph: task 'a' reads 'zz', which is not a task of this graph")]
    [InlineData("output", "invalid graph: output #0 names 'nope', which is not a task of this graph")]
    public async Task A_malformed_graph_is_invalid_argument_naming_the_problem(string problem, string message)
    {
        var request = problem switch
        {
            "duplicate" => Graph(["a", "a"]),
            "cycle" => Graph(["a:b", "b:a"]),
            "unknown" => Graph(["a:zz"]),
            _ => Graph(["a"], "nope"),
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.RunAsync(request));

        Assert.Equal((StatusCode.InvalidArgument, message), (error.StatusCode, error.Detail));
    }

    [Fact]
    public async Task Task_events_come_when_asked_for()
    {
        await AddWorkerAsync("host-a");
        var request = Graph(["a", "b:a"], "b");
        request.TaskEvents = true;

        var events = await _client.RunAsync(request);

        var tasks = events.Where(e => e.Task is not null).Select(e => $"{e.Task.Task} {e.Task.Kind}").ToList();
        Assert.Equal(["a Started", "a Finished", "b Started", "b Finished"], tasks);
    }

    [Fact]
    public async Task A_tasks_own_failure_fails_the_job_with_its_message()
    {
        var worker = await AddWorkerAsync("host-a", autoFinish: false);
        var run = _client.RunAsync(Graph(["a"], "a"));
        await worker.WaitForAsync(w => w.Tasks.Count == 1, "the task");

        await worker.SendAsync(new WorkerMessage { Failed = new TaskFailure { Task = "a", Message = "cannot parse 'x'", Operator = "CsvScan", Input = "/d/x.csv" } });
        var events = await run;

        var failed = events[^1].Failed;
        Assert.Equal("a", failed.Task);
        Assert.Equal($"task a failed on {worker.Id} (host host-a): cannot parse 'x' (operator: CsvScan; input: /d/x.csv)", failed.Message);
    }

    [Fact]
    public async Task Cancel_ends_the_job_and_releases_its_partitions()
    {
        var worker = await AddWorkerAsync("host-a", autoFinish: false);
        var run = _client.RunAsync(Graph(["a", "b", "c:a,b"], "c"));
        await worker.WaitForAsync(w => w.Tasks.Count == 2, "two tasks");
        await worker.FinishAsync("a");
        var job = (await _client.WaitForStatusAsync(s => s.Jobs.Count == 1 && s.Jobs[0].TasksDone == 1, "a done")).Jobs[0].Job;

        var reply = await SchedulerApi.Client(_client.Channel).CancelAsync(new CancelRequest { Job = job }).ResponseAsync;

        Assert.True(reply.Found);
        var events = await run;
        Assert.Equal($"job {job} was cancelled: cancelled by a client", events[^1].Failed.Message);
        await worker.WaitForAsync(w => w.Released.Contains("a"), "release of a");
        Assert.False((await SchedulerApi.Client(_client.Channel).CancelAsync(new CancelRequest { Job = job }).ResponseAsync).Found);
    }

    [Theory]
    [InlineData("j-999", StatusCode.NotFound, "no job j-999 was ever submitted")]
    [InlineData("job-1", StatusCode.InvalidArgument, "'job-1' is not a job id (they look like j-12)")]
    public async Task Cancel_of_a_job_that_never_was_is_an_error(string job, StatusCode code, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => SchedulerApi.Client(_client.Channel).CancelAsync(new CancelRequest { Job = job }).ResponseAsync);

        Assert.Equal((code, message), (error.StatusCode, error.Detail));
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_its_job()
    {
        var worker = await AddWorkerAsync("host-a", autoFinish: false);
        var call = SchedulerApi.Client(_client.Channel).SubmitGraph(Graph(["a", "b"], "a", "b"));
        Assert.True(await call.ResponseStream.MoveNext());
        await worker.WaitForAsync(w => w.Tasks.Count == 2, "two tasks");
        await worker.FinishAsync("a");
        await _client.WaitForStatusAsync(s => s.Jobs.Count == 1 && s.Jobs[0].TasksDone == 1, "a done");

        call.Dispose();

        await _client.WaitForStatusAsync(s => s.Jobs.Count == 0, "the job forgotten");
        await worker.WaitForAsync(w => w.Released.Contains("a"), "release of a");
        await worker.FinishAsync("b");
        await worker.WaitForAsync(w => w.Released.Contains("b"), "release of b, which finished after the cancel");
    }

    [Fact]
    public async Task Results_are_released_when_the_client_says_so_and_not_while_the_job_runs()
    {
        var worker = await AddWorkerAsync("host-a");
        var events = await _client.RunAsync(Graph(["a", "b:a"], "b"));
        var job = events[0].Accepted.Job;
        await worker.WaitForAsync(w => w.Released.Contains("a"), "release of a");
        Assert.DoesNotContain("b", worker.Released);

        await SchedulerApi.Client(_client.Channel).ReleaseResultsAsync(new ReleaseResultsRequest { Job = job }).ResponseAsync;

        await worker.WaitForAsync(w => w.Released.Contains("b"), "release of b");
        Assert.Empty((await _client.StatusAsync()).Jobs);
    }

    [Fact]
    public async Task Releasing_a_running_job_is_refused()
    {
        await AddWorkerAsync("host-a", autoFinish: false);
        using var call = SchedulerApi.Client(_client.Channel).SubmitGraph(Graph(["a"], "a"));
        Assert.True(await call.ResponseStream.MoveNext());
        var job = call.ResponseStream.Current.Accepted.Job;

        var error = await Assert.ThrowsAsync<RpcException>(() => SchedulerApi.Client(_client.Channel).ReleaseResultsAsync(new ReleaseResultsRequest { Job = job }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task A_worker_joining_after_submission_gets_the_work()
    {
        using var call = SchedulerApi.Client(_client.Channel).SubmitGraph(Graph(["a", "b"], "a", "b"), CallOptions.FromTimeout(Patience.Wait));
        Assert.True(await call.ResponseStream.MoveNext());

        var worker = await AddWorkerAsync("late");

        var events = new List<JobEvent>();
        await foreach (var e in call.ResponseStream.ReadAllAsync())
            events.Add(e);
        Assert.Equal([worker.Id, worker.Id], events[^1].Finished.Results.Select(r => r.WorkerIds.Single()));
    }

    [Fact]
    public async Task Status_lists_workers_and_jobs()
    {
        var worker = await AddWorkerAsync("host-a", slots: 3, autoFinish: false);
        using var call = SchedulerApi.Client(_client.Channel).SubmitGraph(new SubmitGraphRequest(Graph(["a", "b"])) { Name = "my job" });
        await worker.WaitForAsync(w => w.Tasks.Count == 2, "two tasks");

        var status = await _client.StatusAsync();

        var listed = Assert.Single(status.Workers);
        Assert.Equal((worker.Id, "host-a", worker.Address, 3), (listed.WorkerId, listed.Host, listed.Address, listed.Slots));
        var job = Assert.Single(status.Jobs);
        Assert.Equal(("my job", "running", 2, 0), (job.Name, job.State, job.TasksTotal, job.TasksDone));
    }

    private async Task<FakeWorker> AddWorkerAsync(string host, int slots = 2, bool autoFinish = true)
    {
        var worker = await FakeWorker.StartAsync(_host.Address, host, slots, autoFinish);
        _workers.Add(worker);
        await _client.WaitForStatusAsync(s => s.Workers.Any(w => w.WorkerId == worker.Id) && s.Workers.Count == _workers.Count, $"{worker.Id} connected");
        return worker;
    }
}
