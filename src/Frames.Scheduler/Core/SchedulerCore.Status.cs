namespace FramesNet.Scheduler.Core;

// Read-only views for the RPCs that ask rather than tell.
internal sealed partial class SchedulerCore
{
    /// <summary>Connected workers and live jobs (running, or finished with results held).</summary>
    public SchedulerStatus Status(DateTimeOffset now)
    {
        var workers = _connected
            .OrderBy(w => w.Id.Value)
            .Select(w => new WorkerSnapshot(w.Id, w.Description, w.Connected, w.RunningCount, w.Assigned.Count, w.MemoryUsed, w.StoredBytes,
                (now - w.LastHeard).TotalSeconds))
            .ToList();
        var jobs = _jobs.Values
            .OrderBy(j => j.Sequence)
            .Select(j => new JobSnapshot(j.Id, j.Name, j.State, j.Tasks.Length, j.Done, j.Running, (now - j.SubmittedAt).TotalSeconds))
            .ToList();
        return new SchedulerStatus(workers, jobs);
    }

    /// <summary>The name a worker registered with (gone ones too); empty for an id never given out.</summary>
    public string HostOf(WorkerId id) => _hosts.GetValueOrDefault(id, "");

    /// <summary>The connected workers, by id.</summary>
    public IReadOnlyList<WorkerInfo> ConnectedWorkers() => [.. _connected.OrderBy(w => w.Id.Value)];

    /// <summary>A connected worker known to see <paramref name="path"/> (the least loaded), else any connected one; null when none is.</summary>
    public WorkerInfo? WorkerForFile(string path)
    {
        var seeing = ConnectedAmong(_files.SeenBy(path));
        var pool = seeing.Count > 0 ? seeing : _connected;
        return pool.Count == 0 ? null : pool.MinBy(w => (double)w.Assigned.Count / w.Slots);
    }
}
