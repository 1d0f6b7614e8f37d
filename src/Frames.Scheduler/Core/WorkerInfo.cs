namespace FramesNet.Scheduler.Core;

/// <summary>The scheduler's live record of one registered worker: its load, what it holds, what waits for it.</summary>
internal sealed class WorkerInfo(WorkerId id, WorkerDescription description, DateTimeOffset registeredAt, int queueAhead)
{
    public WorkerId Id { get; } = id;

    public WorkerDescription Description { get; } = description;

    public string Host => Description.Host;

    public string Address => Description.Address;

    public int Slots => Description.Slots;

    /// <summary>Tasks it may have at once, running or queued ahead (a few queued keep it busy and batch messages).</summary>
    public int Capacity { get; } = Math.Max(1, description.Slots * queueAhead);

    public DateTimeOffset RegisteredAt { get; } = registeredAt;

    /// <summary>Has an open Connect stream; only connected workers get work.</summary>
    public bool Connected { get; set; }

    /// <summary>Which Connect stream (a reconnect gets a new one; news about an old one is ignored).</summary>
    public long Connection { get; set; }

    public DateTimeOffset LastHeard { get; set; }

    /// <summary>Tasks queued or running on it, by key (a worker runs one task of a key at a time).</summary>
    public Dictionary<TaskKey, TaskInfo> Assigned { get; } = [];

    public int RunningCount { get; set; }

    public bool HasRoom => Connected && Assigned.Count < Capacity;

    /// <summary>Tasks whose output it holds.</summary>
    public HashSet<TaskInfo> Held { get; } = [];

    /// <summary>How many held tasks (of any job) have each key: the partition is dropped when the count reaches 0.</summary>
    public Dictionary<TaskKey, int> HeldKeys { get; } = [];

    /// <summary>Ready tasks that should (or may only) run here, waiting for room.</summary>
    public ReadyQueue Queue { get; } = new();

    public int ReportedRunning { get; set; }

    public long MemoryUsed { get; set; }

    public long StoredBytes { get; set; }

    /// <summary>Assignments made while handling the current event, sent together at its end.</summary>
    public List<TaskAssignment>? PendingRuns { get; set; }

    /// <summary>Releases decided while handling the current event, sent together at its end.</summary>
    public List<TaskKey>? PendingReleases { get; set; }

    /// <summary>Listed to be filled from the queues at the end of the current event.</summary>
    public bool FillPending { get; set; }

    /// <summary>Scratch for placement: input bytes it holds of the task being placed.</summary>
    public long LocalBytes { get; set; }

    /// <summary>[Id] and [Address], shared by every result location this worker alone holds.</summary>
    public WorkerId[] SoleHolderIds => _soleIds ??= [Id];

    public string[] SoleHolderAddresses => _soleAddresses ??= [Address];

    private WorkerId[]? _soleIds;
    private string[]? _soleAddresses;

    /// <summary>How every message names a worker: its id and its name, <c>w-3 (host node-7)</c>.</summary>
    public string Describe() => Describe(Id, Host);

    public static string Describe(WorkerId id, string host) => $"{id} (host {host})";

    public override string ToString() => Describe();
}
