namespace FramesNet.Scheduler.Core;

// Read-only views for the RPCs that ask rather than tell.
internal sealed partial class SchedulerCore
{
    /// <summary>Connected workers, live jobs (running, or finished with results held) and the last jobs that ended.</summary>
    public SchedulerStatus Status(DateTimeOffset now)
    {
        var workers = _connected
            .OrderBy(w => w.Id.Value)
            .Select(w => new WorkerSnapshot(w.Id, w.Description, w.Connected, w.RunningCount, w.Assigned.Count, w.MemoryUsed, w.StoredBytes,
                (now - w.LastHeard).TotalSeconds))
            .ToList();
        var jobs = _jobs.Values
            .OrderBy(j => j.Sequence)
            .Select(j => Snapshot(j, now))
            .ToList();
        return new SchedulerStatus(workers, jobs, [.. _ended]);
    }

    private static JobSnapshot Snapshot(JobInfo job, DateTimeOffset now) =>
        new(job.Id, job.Name, job.State, job.Tasks.Length, job.Done, job.Running, (now - job.SubmittedAt).TotalSeconds, job.Message);

    /// <summary>Keeps how a job ended (the last <see cref="SchedulerSettings.EndedJobsKept"/>), for status.</summary>
    private void Remember(JobInfo job)
    {
        _ended.Enqueue(Snapshot(job, _now));
        while (_ended.Count > _settings.EndedJobsKept)
            _ended.Dequeue();
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
