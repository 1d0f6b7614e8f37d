namespace FramesNet.Scheduler.Core;

// Workers coming, beating and going.
internal sealed partial class SchedulerCore
{
    /// <summary>Why a Connect stream for <paramref name="worker"/> cannot be accepted, or null when it can.</summary>
    public string? ConnectRefusal(WorkerId worker) =>
        !_workers.TryGetValue(worker, out var info) ? $"unknown worker {worker}: call RegisterWorker first"
        : info.Connected ? $"worker {worker} already has a Connect stream"
        : null;

    private void OnWorkerRegistered(WorkerRegistered e)
    {
        if (_workers.ContainsKey(e.Worker))
            throw new InvalidOperationException($"worker {e.Worker} is registered already; take ids from NewWorkerId");
        _workers.Add(e.Worker, new WorkerInfo(e.Worker, e.Description, _now, _settings.QueueAhead) { LastHeard = _now });
        _hosts[e.Worker] = e.Description.Host;
    }

    private void OnWorkerConnected(WorkerConnected e)
    {
        if (!_workers.TryGetValue(e.Worker, out var worker) || worker.Connected)
            throw new InvalidOperationException($"worker {e.Worker} cannot connect: {ConnectRefusal(e.Worker)}");
        worker.Connected = true;
        worker.Connection = e.Connection;
        worker.LastHeard = _now;
        _connected.Add(worker);
        _withRoom++;
        AdoptStored(worker, e.Stored);
        MarkFreed(worker);
    }

    /// <summary>
    /// A reconnecting worker still holds partitions: those of finished tasks it held every bucket of become
    /// copies again; the rest (nobody needs them, or they are being recomputed) are dropped.
    /// </summary>
    private void AdoptStored(WorkerInfo worker, IReadOnlyList<PartitionRef> stored)
    {
        if (stored.Count == 0)
            return;
        var buckets = new Dictionary<TaskKey, int>();
        foreach (var partition in stored)
            buckets[partition.Task] = buckets.GetValueOrDefault(partition.Task) + 1;
        foreach (var (key, count) in buckets)
        {
            var adopted = false;
            foreach (var job in _jobs.Values)
            {
                if (job.Find(key) is { State: TaskState.Done } task && count >= job.Graph.Buckets[task.Index] && !task.Holders.Contains(worker)
                    && (task.Holders.Count > 0 || IsNeeded(task)))
                {
                    AddHolder(task, worker);
                    adopted = true;
                }
            }
            if (!adopted)
                ReleasesFor(worker).Add(key);
        }
    }

    private void OnHeartbeat(WorkerHeartbeat e)
    {
        if (Heard(e.Worker) is not { } worker)
            return;
        worker.ReportedRunning = e.Running;
        worker.MemoryUsed = e.MemoryUsed;
        worker.StoredBytes = e.StoredBytes;
    }

    /// <summary>Any message from a connected worker shows it alive; null for a worker that is gone.</summary>
    private WorkerInfo? Heard(WorkerId id)
    {
        if (!_workers.TryGetValue(id, out var worker) || !worker.Connected)
            return null;
        worker.LastHeard = _now;
        return worker;
    }

    private void OnWorkerLost(WorkerLost e)
    {
        if (_workers.TryGetValue(e.Worker, out var worker) && worker.Connected && worker.Connection == e.Connection)
            RemoveWorker(worker, e.Reason);
    }

    private void OnTick()
    {
        List<WorkerInfo>? silent = null;
        foreach (var worker in _workers.Values)
        {
            var late = worker.Connected ? _now - worker.LastHeard > _settings.HeartbeatTimeout : _now - worker.RegisteredAt > _settings.ConnectGrace;
            if (late)
                (silent ??= []).Add(worker);
        }
        if (silent is not null)
        {
            foreach (var worker in silent)
            {
                if (worker.Connected)
                    RemoveWorker(worker, $"missed {_settings.MissedHeartbeats} heartbeats");
                else
                    _workers.Remove(worker.Id); // registered but never connected within the grace
            }
        }
        FailJobsWithoutWorkers();
        foreach (var job in _jobs.Values)
        {
            if (job.State == JobState.Running && job.ProgressChanged)
                Progress(job);
        }
    }

    /// <summary>
    /// Forgets a worker: it is told to go (if it can still hear), its queued and running tasks run elsewhere
    /// (a running one counts the loss against its attempts), outputs only it held are recomputed where
    /// still needed, and scans that could only run on it fail their jobs.
    /// </summary>
    private void RemoveWorker(WorkerInfo worker, string reason)
    {
        _workers.Remove(worker.Id);
        if (worker.HasRoom)
            _withRoom--;
        worker.Connected = false;
        _connected.Remove(worker);
        _out.Add(new DisconnectWorker(worker.Id, worker.Host, reason));
        var loss = $"{worker.Describe()} {reason}";
        if (_connected.Count == 0)
            _lastWorkerGone = (_now, loss);

        List<TaskInfo>? orphaned = null;
        foreach (var task in worker.Held)
        {
            task.Holders.Remove(worker);
            if (task.Holders.Count == 0)
                (orphaned ??= []).Add(task);
        }
        worker.Held.Clear();
        worker.HeldKeys.Clear();

        var assigned = worker.Assigned.Values.ToList();
        worker.Assigned.Clear();
        foreach (var task in assigned)
        {
            task.Worker = null;
            if (task.Job.Ended)
                continue;
            if (task.State == TaskState.Running)
            {
                (task.Losses ??= []).Add(loss);
                if (task.Losses.Count >= task.Job.MaxAttempts)
                {
                    Fail(task, $"task {task.Key} failed: lost {task.Losses.Count} workers running it: {string.Join("; ", task.Losses)}");
                    continue;
                }
            }
        }

        if (orphaned is not null)
        {
            var needed = orphaned.FindAll(t => !t.Job.Ended && t.State == TaskState.Done && IsNeeded(t));
            if (needed.Count > 0)
                OutputsLost(needed, $"its output was only on {loss}");
        }
        foreach (var task in assigned)
        {
            if (!task.Job.Ended && task.State is TaskState.Queued or TaskState.Running)
            {
                Notify(task, TaskEventKind.Rescheduled, worker, loss);
                Requeue(task);
            }
        }
        // Scans parked here may run only where their file is: elsewhere if another such worker is connected
        // (it may not have them queued: it could have connected later), else nowhere.
        while (worker.Queue.TryDequeue(out var task))
        {
            if (task.State != TaskState.Ready || task.Job.Ended || task.PinnedTo is null)
                continue;
            if (ConnectedAmong(task.PinnedTo).Count == 0)
                Fail(task, $"task {task.Key} cannot run: only {Describe(task.PinnedTo)} saw {task.Definition.FilePath}, and {loss}");
            else
                Schedule(task);
        }
    }

    private List<WorkerInfo> ConnectedAmong(IReadOnlyList<WorkerId> ids)
    {
        var connected = new List<WorkerInfo>(ids.Count);
        foreach (var id in ids)
        {
            if (_workers.TryGetValue(id, out var worker) && worker.Connected)
                connected.Add(worker);
        }
        return connected;
    }

    /// <summary>Workers named as everywhere else, <c>w-1 (host a), w-2 (host b)</c>, gone ones too.</summary>
    private string Describe(IReadOnlyList<WorkerId> ids) =>
        string.Join(", ", ids.Select(id => _hosts.TryGetValue(id, out var host) ? WorkerInfo.Describe(id, host) : id.ToString()));

    private void AddHolder(TaskInfo task, WorkerInfo worker)
    {
        task.HoldersAddedAt = ++_sequence;
        task.Holders.Add(worker);
        worker.Held.Add(task);
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(worker.HeldKeys, task.Key, out _);
        count++;
    }

    /// <summary>Tells every holder to drop the task's output (unless a task of another job with the same key is held there too).</summary>
    private void Release(TaskInfo task)
    {
        foreach (var holder in task.Holders)
        {
            holder.Held.Remove(task);
            DropKey(holder, task.Key);
        }
        task.Holders.Clear();
    }

    private void DropKey(WorkerInfo worker, TaskKey key)
    {
        if (worker.HeldKeys.TryGetValue(key, out var count) && count > 1)
        {
            worker.HeldKeys[key] = count - 1;
            return;
        }
        worker.HeldKeys.Remove(key);
        // A task of another job with the same key queued or running there will store it again: keep it.
        if (worker.Connected && !worker.Assigned.ContainsKey(key))
            ReleasesFor(worker).Add(key);
    }
}
