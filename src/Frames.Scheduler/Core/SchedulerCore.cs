namespace FramesNet.Scheduler.Core;

/// <summary>
/// The scheduler's state and every decision it makes, with no sockets, threads or clock: feed it events
/// (with the time they are handled at) and it answers the commands to carry out. One thread at a time
/// (the scheduler's loop) owns it. Partial files: workers, jobs, task reports, recovery, placement, status.
/// </summary>
/// <remarks>
/// Per-task work is constant (dictionary and priority-queue operations) apart from a task's own inputs
/// and, when some worker has room, one pass over the connected workers. Commands to one worker made while
/// handling one event go out as one batch.
/// </remarks>
internal sealed partial class SchedulerCore
{
    private readonly SchedulerSettings _settings;
    private readonly Dictionary<WorkerId, WorkerInfo> _workers = [];

    /// <summary>The name of every worker that registered, gone ones too, for messages that name them.</summary>
    private readonly Dictionary<WorkerId, string> _hosts = [];
    private readonly List<WorkerInfo> _connected = [];
    private readonly Dictionary<JobId, JobInfo> _jobs = [];
    private readonly Queue<JobSnapshot> _ended = new();
    private readonly FileRegistry _files = new();
    private readonly Placement _placement = new();

    /// <summary>Ready tasks that may run anywhere, waiting for room.</summary>
    private readonly ReadyQueue _ready = new();

    /// <summary>Workers with batches pending for the current event, in the order they were first touched.</summary>
    private readonly List<WorkerInfo> _touched = [];

    /// <summary>Workers that got room during the current event: filled from the queues at its end.</summary>
    private readonly List<WorkerInfo> _freed = [];

    private List<SchedulerCommand> _out = [];
    private DateTimeOffset _now;
    private int _nextJob = 1;
    private int _nextWorker = 1;
    private int _jobSequence;

    /// <summary>Orders assignments and new copies: a copy made after a task was sent is not one it was told of.</summary>
    private long _sequence;

    /// <summary>Connected workers with room (so placement can skip its scan when there are none).</summary>
    private int _withRoom;

    /// <summary>When the last connected worker went, and how (null while none has gone since the start).</summary>
    private (DateTimeOffset At, string Loss)? _lastWorkerGone;

    public SchedulerCore(SchedulerSettings? settings = null) => _settings = settings ?? new SchedulerSettings();

    public SchedulerSettings Settings => _settings;

    public FileRegistry Files => _files;

    /// <summary>Applies one event handled at <paramref name="now"/>; returns what to do about it, in order.</summary>
    public IReadOnlyList<SchedulerCommand> Handle(SchedulerEvent e, DateTimeOffset now)
    {
        _now = now;
        switch (e)
        {
            case TasksFinished finished:
                OnTasksFinished(finished);
                break;
            case TasksStarted started:
                OnTasksStarted(started);
                break;
            case WorkerHeartbeat heartbeat:
                OnHeartbeat(heartbeat);
                break;
            case TaskFailed failed:
                OnTaskFailed(failed);
                break;
            case Tick:
                OnTick();
                break;
            case JobSubmitted submitted:
                OnJobSubmitted(submitted);
                break;
            case JobCancelled cancelled:
                OnJobCancelled(cancelled);
                break;
            case ResultsReleased released:
                OnResultsReleased(released);
                break;
            case WorkerRegistered registered:
                OnWorkerRegistered(registered);
                break;
            case WorkerConnected connected:
                OnWorkerConnected(connected);
                break;
            case WorkerLost lost:
                OnWorkerLost(lost);
                break;
            case FilesListed listed:
                _files.Record(listed.Files, listed.Participants);
                break;
            default:
                throw new ArgumentException($"unknown scheduler event {e.GetType().Name}", nameof(e));
        }
        FillFreedWorkers();
        FlushBatches();
        var commands = _out;
        _out = [];
        return commands;
    }

    /// <summary>The id for the next job (the caller then hands it to <see cref="JobSubmitted"/>).</summary>
    public JobId NewJobId() => new(_nextJob++);

    /// <summary>The id for a registering worker: the one it proposes if it is well formed and free, else a new one.</summary>
    public WorkerId NewWorkerId(string? previous)
    {
        if (WorkerId.TryParse(previous, out var id) && !_workers.ContainsKey(id))
        {
            _nextWorker = Math.Max(_nextWorker, id.Value + 1);
            return id;
        }
        return new WorkerId(_nextWorker++);
    }

    /// <summary>Moves a task to another state, keeping its job's counters; illegal moves throw.</summary>
    private static void SetState(TaskInfo task, TaskState to)
    {
        var from = task.State;
        TaskTransitions.Check(task.Key, from, to);
        var job = task.Job;
        if (from == TaskState.Running)
            job.Running--;
        else if (from == TaskState.Done)
            job.Done--;
        if (to == TaskState.Running)
            job.Running++;
        else if (to == TaskState.Done)
            job.Done++;
        task.State = to;
        job.ProgressChanged = true;
    }

    private double Seconds(JobInfo job) => (_now - job.SubmittedAt).TotalSeconds;

    private void Notify(TaskInfo task, TaskEventKind kind, WorkerInfo? worker, string message = "")
    {
        _out.Add(new NotifyTask(task.Job.Id, task.Key, kind, worker?.Id, worker?.Host ?? "", task.Attempt, message));
    }

    private List<TaskAssignment> RunsFor(WorkerInfo worker)
    {
        if (worker.PendingRuns is null)
        {
            worker.PendingRuns = [];
            if (worker.PendingReleases is null)
                _touched.Add(worker);
        }
        return worker.PendingRuns;
    }

    private List<TaskKey> ReleasesFor(WorkerInfo worker)
    {
        if (worker.PendingReleases is null)
        {
            worker.PendingReleases = [];
            if (worker.PendingRuns is null)
                _touched.Add(worker);
        }
        return worker.PendingReleases;
    }

    /// <summary>One release and one run batch per touched worker, releases first (they free memory).</summary>
    private void FlushBatches()
    {
        foreach (var worker in _touched)
        {
            if (worker.Connected)
            {
                if (worker.PendingReleases is { Count: > 0 } releases)
                    _out.Add(new SendRelease(worker.Id, releases));
                if (worker.PendingRuns is { Count: > 0 } runs)
                    _out.Add(new SendTasks(worker.Id, runs));
            }
            worker.PendingReleases = null;
            worker.PendingRuns = null;
        }
        _touched.Clear();
    }
}
