namespace FramesNet.Scheduler.Core;

/// <summary>The knobs of <see cref="SchedulerCore"/>.</summary>
internal sealed record SchedulerSettings
{
    /// <summary>A task that loses this many workers fails its job (a job may ask for another number).</summary>
    public int DefaultMaxAttempts { get; init; } = 3;

    /// <summary>Tasks per slot a worker may have at once (running plus queued ahead).</summary>
    public int QueueAhead { get; init; } = 2;

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A worker not heard from for this many intervals is removed.</summary>
    public int MissedHeartbeats { get; init; } = 3;

    public TimeSpan HeartbeatTimeout => HeartbeatInterval * MissedHeartbeats;

    /// <summary>
    /// How long a registered worker has to open its Connect stream before it is forgotten. Heartbeats start on
    /// the stream, so this is not a number of them: a busy machine may take seconds between the two calls.
    /// </summary>
    public TimeSpan ConnectGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many ended jobs (finished and released, failed, cancelled) status still shows.</summary>
    public int EndedJobsKept { get; init; } = 50;

    /// <summary>
    /// A running job with no worker connected fails after waiting this long (counted from when the last
    /// worker went, or from its submission if later); <see cref="Timeout.InfiniteTimeSpan"/>: it waits for ever.
    /// </summary>
    public TimeSpan NoWorkersTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
