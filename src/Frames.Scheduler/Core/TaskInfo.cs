namespace FramesNet.Scheduler.Core;

/// <summary>
/// The scheduler's live record of one task of one job. Owned by <see cref="SchedulerCore"/>; only it
/// changes <see cref="State"/>, through <see cref="SchedulerCore"/>'s transition helper.
/// </summary>
internal sealed class TaskInfo(JobInfo job, int index, TaskDefinition definition)
{
    public JobInfo Job { get; } = job;

    /// <summary>Position in the job's graph.</summary>
    public int Index { get; } = index;

    public TaskDefinition Definition { get; } = definition;

    public TaskKey Key => Definition.Key;

    public TaskState State { get; set; } = TaskState.Waiting;

    /// <summary>The worker it is queued or running on.</summary>
    public WorkerInfo? Worker { get; set; }

    /// <summary>Workers holding its output partitions while Done (empty once released or lost).</summary>
    public List<WorkerInfo> Holders { get; } = new(1);

    /// <summary>Rows and bytes per output bucket, as the worker reported them.</summary>
    public TaskOutput[] Outputs { get; set; } = [];

    /// <summary>How many times it was sent to a worker (the current attempt's number).</summary>
    public int Attempt { get; set; }

    /// <summary>The workers lost while it ran on them, and how: "w-1 (host a) connection broken".</summary>
    public List<string>? Losses { get; set; }

    /// <summary>How many times a worker could not fetch one of its inputs.</summary>
    public int MissingInputReports { get; set; }

    /// <summary>When it was last sent to a worker (the core's sequence of assignments and copies).</summary>
    public long AssignedAt { get; set; }

    /// <summary>When a worker last got a copy of its output.</summary>
    public long HoldersAddedAt { get; set; }

    /// <summary>Inputs not available while Waiting.</summary>
    public int WaitingOn { get; set; }

    /// <summary>Consumers not Done: the output is released when this reaches 0 (unless it is a result).</summary>
    public int PendingConsumers { get; set; }

    /// <summary>A partition of the job's result: kept until the client releases the results.</summary>
    public bool IsResult { get; set; }

    /// <summary>Scan of a file only some workers see: may run only on these.</summary>
    public IReadOnlyList<WorkerId>? PinnedTo { get; set; }

    public bool IsAvailable => State == TaskState.Done && Holders.Count > 0;

    public long OutputBytes(int bucket) => bucket < Outputs.Length ? Outputs[bucket].Bytes : 0;

    public override string ToString() => $"{Key} ({State})";
}
