using FramesNet.Execution;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Store;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker.Execution;

/// <summary>
/// The worker's task queue: at most <c>slots</c> tasks run at once, the rest wait in arrival order; none
/// start while the partition store is over its memory limit. A task sent while the same task is queued or
/// running is ignored. Tasks of one job share a <see cref="SharedTaskState"/> while any of them is here.
/// </summary>
internal sealed class TaskSlots
{
    private readonly int _slots;
    private readonly ITaskExecutor _executor;
    private readonly PartitionStore _store;
    private readonly ITaskReporter _reporter;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly LinkedList<RunTask> _queue = new();
    private readonly Dictionary<string, RunningTask> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SharedTaskState State, int Tasks)> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private bool _paused;

    public TaskSlots(int slots, ITaskExecutor executor, PartitionStore store, ITaskReporter reporter, ILogger logger)
    {
        _slots = slots;
        _executor = executor;
        _store = store;
        _reporter = reporter;
        _logger = logger;
        _store.UnderLimit += Pump;
    }

    public int Running
    {
        get
        {
            lock (_gate)
                return _running.Count;
        }
    }

    public int Queued
    {
        get
        {
            lock (_gate)
                return _queue.Count;
        }
    }

    public void Enqueue(IEnumerable<RunTask> tasks)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
                return;
            foreach (var task in tasks)
            {
                if (_running.ContainsKey(task.Task) || _queue.Any(q => q.Task == task.Task))
                    continue;
                _queue.AddLast(task);
                _jobs[task.Job] = _jobs.TryGetValue(task.Job, out var job) ? (job.State, job.Tasks + 1) : (new SharedTaskState(), 1);
            }
        }
        Pump();
    }

    /// <summary>Drops queued tasks and cancels running ones among <paramref name="tasks"/> (their outputs are not wanted any more).</summary>
    public int Cancel(IReadOnlyCollection<TaskKey> tasks)
    {
        var keys = tasks.Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        var cancelled = 0;
        lock (_gate)
        {
            for (var node = _queue.First; node is not null;)
            {
                var next = node.Next;
                if (keys.Contains(node.Value.Task))
                {
                    _queue.Remove(node);
                    LeaveJob(node.Value.Job);
                    cancelled++;
                }
                node = next;
            }
            foreach (var key in keys)
            {
                if (_running.TryGetValue(key, out var running))
                {
                    running.Cancel.Cancel();
                    cancelled++;
                }
            }
        }
        return cancelled;
    }

    /// <summary>Forgets the queued tasks (the scheduler gave them to others when this worker's stream broke); running ones go on.</summary>
    public int DropQueued()
    {
        lock (_gate)
        {
            var dropped = _queue.Count;
            foreach (var task in _queue)
                LeaveJob(task.Job);
            _queue.Clear();
            return dropped;
        }
    }

    /// <summary>Cancels everything and waits for running tasks to end.</summary>
    public async Task StopAsync()
    {
        Task[] running;
        lock (_gate)
        {
            _stopping.Cancel();
            _queue.Clear();
            running = _running.Values.Select(r => r.Completion).ToArray();
        }
        _store.UnderLimit -= Pump;
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private void Pump()
    {
        lock (_gate)
        {
            while (_running.Count < _slots && _queue.Count > 0 && !_stopping.IsCancellationRequested)
            {
                if (_store.IsOverLimit)
                {
                    if (!_paused)
                        ExecutionLog.Paused(_logger, _store.MemoryBytes, _store.MemoryLimit ?? 0, _queue.Count);
                    _paused = true;
                    return;
                }
                if (_paused)
                {
                    _paused = false;
                    ExecutionLog.Resumed(_logger, _store.MemoryBytes, _queue.Count);
                }
                var task = _queue.First!.Value;
                _queue.RemoveFirst();
                var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                var running = new RunningTask(cancel);
                _running[task.Task] = running;
                running.Completion = Task.Run(() => RunAsync(task, _jobs[task.Job].State, cancel));
            }
        }
    }

    /// <summary>
    /// Waits until the scheduler has the started report (so a crash while running is blamed on this task),
    /// but not long: while the worker reconnects, or the scheduler is swamped, the task runs anyway.
    /// </summary>
    private static async Task WaitBriefly(Task sent)
    {
        await Task.WhenAny(sent, Task.Delay(StartedReportWait)).ConfigureAwait(false);
    }

    private static readonly TimeSpan StartedReportWait = TimeSpan.FromSeconds(2);

    private async Task RunAsync(RunTask task, SharedTaskState shared, CancellationTokenSource cancel)
    {
        try
        {
            await WaitBriefly(_reporter.Started(new TaskKey(task.Task))).ConfigureAwait(false);
            var outcome = await _executor.RunAsync(task, shared, cancel.Token).ConfigureAwait(false);
            if (outcome is TaskOutcome.Done && cancel.IsCancellationRequested)
            {
                // Released (or stopping) while it stored its outputs: nobody wants them any more.
                _store.Release([new TaskKey(task.Task)]);
                outcome = new TaskOutcome.Cancelled();
            }
            switch (outcome)
            {
                case TaskOutcome.Done done:
                    ExecutionLog.TaskDone(_logger, task.Task, done.Report.Seconds, done.Report.Outputs.Sum(o => o.Rows));
                    _reporter.Finished(done.Report);
                    break;
                case TaskOutcome.Failed failed:
                    ExecutionLog.TaskFailed(_logger, task.Task, failed.Report.Operator, failed.Report.Message, failed.Report.MissingInputs.Count);
                    _reporter.Failed(failed.Report);
                    break;
                default:
                    ExecutionLog.TaskCancelled(_logger, task.Task);
                    break;
            }
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(task.Task);
                LeaveJob(task.Job);
            }
            cancel.Dispose();
            Pump();
        }
    }

    private void LeaveJob(string job)
    {
        var (state, tasks) = _jobs[job];
        if (tasks == 1)
            _jobs.Remove(job);
        else
            _jobs[job] = (state, tasks - 1);
    }

    private sealed class RunningTask(CancellationTokenSource cancel)
    {
        public CancellationTokenSource Cancel { get; } = cancel;

        public Task Completion { get; set; } = Task.CompletedTask;
    }
}
