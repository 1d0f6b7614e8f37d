using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>
/// Drives a <see cref="SchedulerCore"/> with a test clock: register workers, submit graphs, report tasks,
/// lose workers; each call returns the commands as <see cref="CommandText"/> lines.
/// </summary>
internal sealed class CoreHarness
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<WorkerId, long> _connectionOf = [];
    private long _connections;

    public CoreHarness(SchedulerSettings? settings = null) => Core = new SchedulerCore(settings ?? new SchedulerSettings());

    public SchedulerCore Core { get; }

    public DateTimeOffset Now { get; private set; } = Start;

    /// <summary>The raw commands of the last call.</summary>
    public IReadOnlyList<SchedulerCommand> Last { get; private set; } = [];

    public string[] Handle(SchedulerEvent e)
    {
        Last = Core.Handle(e, Now);
        return CommandText.Format(Last);
    }

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>Registers and connects a worker named after its host; returns its id.</summary>
    public WorkerId AddWorker(string host, int slots = 1, params PartitionRef[] stored)
    {
        var id = Core.NewWorkerId(null);
        Handle(new WorkerRegistered(id, new WorkerDescription(host, $"http://{host}:7000", slots, 0, [], "test")));
        Connect(id, stored);
        return id;
    }

    public string[] Connect(WorkerId id, params PartitionRef[] stored)
    {
        _connectionOf[id] = ++_connections;
        return Handle(new WorkerConnected(id, _connections, stored));
    }

    public (JobId Job, string[] Commands) Submit(GraphBuilder graph, int maxAttempts = 3, bool taskEvents = false, string name = "test")
    {
        var id = Core.NewJobId();
        return (id, Handle(new JobSubmitted(id, name, graph.Build(), maxAttempts, taskEvents)));
    }

    public string[] Started(WorkerId worker, params string[] tasks) => Handle(new TasksStarted(worker, [.. tasks.Select(t => new TaskKey(t))]));

    /// <summary>The worker reports these tasks done, each with one bucket of <paramref name="bytes"/> bytes.</summary>
    public string[] Finished(WorkerId worker, params string[] tasks) => Finished(worker, 100, tasks);

    public string[] Finished(WorkerId worker, long bytes, params string[] tasks) =>
        Handle(new TasksFinished(worker, [.. tasks.Select(t => new TaskCompletion(new TaskKey(t), [new TaskOutput(0, 10, bytes)], 0.5, 10, bytes))]));

    public string[] Failed(WorkerId worker, string task, string message, string op = "", string input = "", params string[] missing) =>
        Handle(new TaskFailed(worker, new TaskFailureReport(new TaskKey(task), message, op, input, [.. missing.Select(GraphBuilder.Ref)])));

    public string[] Lost(WorkerId worker, string reason = "connection broken") => Handle(new WorkerLost(worker, _connectionOf[worker], reason));

    public string[] Tick() => Handle(global::FramesNet.Scheduler.Core.Tick.Instance);

    public string[] Heartbeat(WorkerId worker) => Handle(new WorkerHeartbeat(worker, 0, 0, 0));
}
