namespace FramesNet.Scheduler.Core;

/// <summary>The scheduler's live record of one submitted job.</summary>
internal sealed class JobInfo
{
    private Dictionary<TaskKey, int>? _index;

    public JobInfo(JobId id, int sequence, JobSubmitted submission, DateTimeOffset now)
    {
        Id = id;
        Sequence = sequence;
        Name = submission.Name;
        Graph = submission.Graph;
        MaxAttempts = submission.MaxAttempts;
        TaskEvents = submission.TaskEvents;
        SubmittedAt = now;
        Tasks = new TaskInfo[Graph.Count];
        for (var i = 0; i < Tasks.Length; i++)
            Tasks[i] = new TaskInfo(this, i, Graph.Tasks[i]);
    }

    public JobId Id { get; }

    /// <summary>Submission order, for priority.</summary>
    public int Sequence { get; }

    public string Name { get; }

    public JobGraph Graph { get; }

    public TaskInfo[] Tasks { get; }

    public int MaxAttempts { get; }

    /// <summary>The client asked for STARTED and FINISHED task events (FAILED and RESCHEDULED always go out).</summary>
    public bool TaskEvents { get; }

    public DateTimeOffset SubmittedAt { get; }

    public JobState State { get; set; } = JobState.Running;

    public bool Ended => State != JobState.Running;

    /// <summary>Why it failed or was cancelled; empty otherwise.</summary>
    public string Message { get; set; } = "";

    public int Done { get; set; }

    public int Running { get; set; }

    public long RowsRead { get; set; }

    public long BytesRead { get; set; }

    /// <summary>Progress changed since the last progress event.</summary>
    public bool ProgressChanged { get; set; } = true;

    /// <summary>The job's task with this key (the index is built on first use: only recovery needs it).</summary>
    public TaskInfo? Find(TaskKey key)
    {
        _index ??= BuildIndex();
        return _index.TryGetValue(key, out var i) ? Tasks[i] : null;
    }

    private Dictionary<TaskKey, int> BuildIndex()
    {
        var index = new Dictionary<TaskKey, int>(Tasks.Length);
        for (var i = 0; i < Tasks.Length; i++)
            index[Tasks[i].Key] = i;
        return index;
    }
}
