namespace FramesNet.Scheduler.Core;

/// <summary>
/// Chooses a worker for a ready task. Among the allowed workers (those that see its file, for a scan of a
/// file only some see; else every connected worker) that have room and are not already running a task of
/// the same key: the one holding the most of its input bytes, then the least loaded (queued + running per
/// slot), then the lowest id. With nobody allowed having room it waits; with nobody allowed at all, it is
/// infeasible. Cost: one pass over the task's inputs and one over the candidates.
/// </summary>
internal sealed class Placement
{
    private readonly List<WorkerInfo> _scored = [];

    /// <param name="candidates">Connected workers allowed to run it.</param>
    /// <param name="pinned">The candidates are the only workers that see the task's file.</param>
    /// <param name="anyRoom">Some connected worker has room (lets a task without inputs skip the scan when none has).</param>
    public PlacementDecision Decide(TaskInfo task, IReadOnlyList<WorkerInfo> candidates, bool pinned, bool anyRoom)
    {
        if (candidates.Count == 0)
        {
            return pinned
                ? PlacementDecision.Infeasible($"no connected worker sees {task.Definition.FilePath}")
                : PlacementDecision.Wait(null, 0, "no worker is connected");
        }
        var hasInputs = task.Job.Graph.Dependencies[task.Index].Length > 0;
        if (!hasInputs && !anyRoom && !pinned)
            return PlacementDecision.Wait(null, 0, "every worker is full");

        if (hasInputs)
            ScoreInputs(task);
        WorkerInfo? best = null;
        WorkerInfo? preferred = null;
        foreach (var worker in candidates)
        {
            if (preferred is null || worker.LocalBytes > preferred.LocalBytes)
                preferred = worker;
            if (!worker.HasRoom || worker.Assigned.ContainsKey(task.Key))
                continue;
            if (best is null || Better(worker, best))
                best = worker;
        }
        var bestBytes = best?.LocalBytes ?? 0;
        var preferredBytes = preferred!.LocalBytes;
        foreach (var worker in _scored)
            worker.LocalBytes = 0;
        _scored.Clear();

        if (best is not null)
        {
            var locality = pinned ? Locality.FileHost : bestBytes > 0 ? Locality.InputsLocal : Locality.LeastLoaded;
            return PlacementDecision.Placed(best, locality, bestBytes);
        }
        var reason = pinned ? $"every worker that sees {task.Definition.FilePath} is full" : "every worker is full";
        return PlacementDecision.Wait(preferredBytes > 0 || pinned ? preferred : null, preferredBytes, reason);
    }

    /// <summary>Adds each input's bytes to every worker holding it.</summary>
    private void ScoreInputs(TaskInfo task)
    {
        var graph = task.Job.Graph;
        var tasks = task.Job.Tasks;
        Add(graph.Inputs[task.Index], tasks);
        foreach (var side in graph.SideInputs[task.Index])
            Add(side, tasks);
    }

    private void Add(InputRef[] inputs, TaskInfo[] tasks)
    {
        foreach (var input in inputs)
        {
            var producer = tasks[input.Task];
            var bytes = Math.Max(1, producer.OutputBytes(input.Bucket)); // an empty partition still saves a fetch
            foreach (var holder in producer.Holders)
            {
                if (holder.LocalBytes == 0)
                    _scored.Add(holder);
                holder.LocalBytes += bytes;
            }
        }
    }

    private static bool Better(WorkerInfo a, WorkerInfo b)
    {
        if (a.LocalBytes != b.LocalBytes)
            return a.LocalBytes > b.LocalBytes;
        // Load per slot, compared without division: a.assigned / a.slots < b.assigned / b.slots.
        var load = (long)a.Assigned.Count * b.Slots - (long)b.Assigned.Count * a.Slots;
        if (load != 0)
            return load < 0;
        return a.Id.Value < b.Id.Value;
    }
}
