namespace FramesNet.Scheduler.Core;

// Ready tasks to workers: placing at once when someone has room, parking otherwise, filling freed room.
internal sealed partial class SchedulerCore
{
    /// <summary>A task just became Ready: run it somewhere now, park it until there is room, or fail it.</summary>
    private void Schedule(TaskInfo task)
    {
        var pinned = task.PinnedTo is not null;
        IReadOnlyList<WorkerInfo> candidates = pinned ? ConnectedAmong(task.PinnedTo!) : _connected;
        var decision = _placement.Decide(task, candidates, pinned, _withRoom > 0);
        switch (decision.Kind)
        {
            case PlacementKind.Placed:
                Assign(task, decision.Worker!);
                break;
            case PlacementKind.Wait:
                Park(task, candidates, pinned, decision.Worker);
                break;
            default:
                Fail(task, $"task {task.Key} cannot run: {decision.Reason} (only {Describe(task.PinnedTo ?? [])} saw it)");
                break;
        }
    }

    /// <summary>
    /// A pinned task waits in the queues of the workers that may run it; one with a preferred worker (most
    /// input bytes) in that worker's queue and the shared one; any other in the shared one. The first worker
    /// to have room takes it; entries left behind are skipped when reached.
    /// </summary>
    private void Park(TaskInfo task, IReadOnlyList<WorkerInfo> candidates, bool pinned, WorkerInfo? preferred)
    {
        if (pinned)
        {
            foreach (var worker in candidates)
                worker.Queue.Enqueue(task);
            return;
        }
        preferred?.Queue.Enqueue(task);
        _ready.Enqueue(task);
    }

    private void Assign(TaskInfo task, WorkerInfo worker)
    {
        SetState(task, TaskState.Queued);
        task.Worker = worker;
        task.Attempt++;
        task.AssignedAt = ++_sequence;
        worker.Assigned.Add(task.Key, task);
        if (worker.Assigned.Count == worker.Capacity)
            _withRoom--;

        var job = task.Job;
        var graph = job.Graph;
        var definition = task.Definition;
        var sides = graph.SideInputs[task.Index];
        IReadOnlyList<IReadOnlyList<InputLocation>> sideInputs = [];
        if (sides.Length > 0)
        {
            var located = new IReadOnlyList<InputLocation>[sides.Length];
            for (var s = 0; s < sides.Length; s++)
                located[s] = Locate(job, sides[s], worker);
            sideInputs = located;
        }
        RunsFor(worker).Add(new TaskAssignment(job.Id, task.Key, task.Attempt, definition.Stage, definition.Partition, definition.Spec,
            Locate(job, graph.Inputs[task.Index], worker), sideInputs));
    }

    /// <summary>Input locations for a task on <paramref name="worker"/>: no addresses where it holds the partition itself.</summary>
    private static InputLocation[] Locate(JobInfo job, InputRef[] inputs, WorkerInfo worker)
    {
        if (inputs.Length == 0)
            return [];
        var located = new InputLocation[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var producer = job.Tasks[inputs[i].Task];
            var holders = producer.Holders;
            if (holders.Count == 0)
                throw new InvalidOperationException($"{producer.Key} has no copy, yet a task reading it was placed");
            string[] addresses;
            if (holders.Contains(worker))
            {
                addresses = [];
            }
            else if (holders.Count == 1)
            {
                addresses = holders[0].SoleHolderAddresses;
            }
            else
            {
                addresses = new string[holders.Count];
                for (var h = 0; h < holders.Count; h++)
                    addresses[h] = holders[h].Address;
            }
            located[i] = new InputLocation(new PartitionRef(producer.Key, inputs[i].Bucket), addresses);
        }
        return located;
    }

    /// <summary>The task left the worker (finished, failed, or forgotten): it has room again.</summary>
    private void RemoveAssignment(WorkerInfo worker, TaskInfo task)
    {
        if (worker.Assigned.Count == worker.Capacity && worker.Connected)
            _withRoom++;
        worker.Assigned.Remove(task.Key);
        if (task.State == TaskState.Running)
            worker.RunningCount--;
        task.Worker = null;
        MarkFreed(worker);
    }

    private void MarkFreed(WorkerInfo worker)
    {
        if (!worker.FillPending)
        {
            worker.FillPending = true;
            _freed.Add(worker);
        }
    }

    private void FillFreedWorkers()
    {
        foreach (var worker in _freed)
        {
            worker.FillPending = false;
            if (worker.Connected)
                Fill(worker);
        }
        _freed.Clear();
    }

    /// <summary>Gives a worker with room parked tasks: its own queue first (tasks that prefer or need it), then the shared one.</summary>
    private void Fill(WorkerInfo worker)
    {
        List<TaskInfo>? sameKey = null;
        while (worker.HasRoom)
        {
            if (!TryTake(worker.Queue, out var task) && !TryTake(_ready, out task))
                break;
            if (worker.Assigned.ContainsKey(task.Key))
            {
                (sameKey ??= []).Add(task); // a task of another job with the same key runs there now
                continue;
            }
            Assign(task, worker);
        }
        if (sameKey is not null)
        {
            foreach (var task in sameKey)
                (task.PinnedTo is null ? _ready : worker.Queue).Enqueue(task);
        }
    }

    private static bool TryTake(ReadyQueue queue, out TaskInfo task)
    {
        while (queue.TryDequeue(out task))
        {
            if (task.State == TaskState.Ready && !task.Job.Ended)
                return true;
        }
        return false;
    }
}
