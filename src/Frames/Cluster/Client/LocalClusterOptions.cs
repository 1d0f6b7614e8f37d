namespace FramesNet.Cluster;

/// <summary>How <see cref="LocalCluster"/> starts its processes.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>The scheduler's port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Task slots per worker (default: cores / workers, at least 1).</summary>
    public int? SlotsPerWorker { get; init; }

    /// <summary>Per worker, its <c>--data-root</c> folders (worker i gets entry i; none: it sees every file).</summary>
    public IReadOnlyList<IReadOnlyList<string>>? DataRoots { get; init; }

    /// <summary>
    /// Per worker, its <c>--host-name</c> (default: the machine's, as it is where they run; give distinct names
    /// to test locality on one machine). Worker i is <c>w-(i+1)</c> whatever its name.
    /// </summary>
    public IReadOnlyList<string>? HostNames { get; init; }

    /// <summary>A file holding the cluster token; every daemon and the client use it.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Heartbeat interval handed to the scheduler (null: its default).</summary>
    public int? HeartbeatMilliseconds { get; init; }

    /// <summary>
    /// Where frames-worker is; default: FRAMES_BIN, then beside this program or library, then the program's
    /// <c>frames-daemons</c> folder (where the FramesNet package's build step puts it).
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>
    /// The workers' <c>--share-dir</c>: the tmpfs folder where they write partitions handed to processes on this
    /// machine (each other, the client gathering results); "none" streams everything over gRPC. Null: their
    /// default, /dev/shm on Linux.
    /// </summary>
    public string? ShareDirectory { get; init; }

    /// <summary>Extra environment variables for the worker processes (e.g. the fault-injection switches of docs/cluster.md).</summary>
    public IReadOnlyDictionary<string, string>? WorkerEnvironment { get; init; }

    /// <summary>Where the (in-process) scheduler writes its log lines; null: nowhere.</summary>
    public TextWriter? SchedulerLog { get; init; }

    /// <summary>
    /// Where the worker processes' log lines go, each prefixed with the worker's id (<c>[w-2] …</c>); null:
    /// nowhere (their last lines are still kept for <see cref="DaemonProcess.RecentOutput"/> and errors).
    /// </summary>
    public TextWriter? WorkerLog { get; init; }

    /// <summary>A folder (made if missing) for every daemon's log as a file: <c>scheduler.log</c>, <c>w-1.log</c>, …; null: none.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>How long start-up may take before it is an error.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
