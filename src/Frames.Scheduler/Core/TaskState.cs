namespace FramesNet.Scheduler.Core;

/// <summary>
/// Where a task is in its life; <see cref="TaskTransitions"/> lists the legal moves.
/// <code>
///            inputs available        placed            started            finished
///   Waiting ───────────────▶ Ready ─────────▶ Queued ──────────▶ Running ──────────▶ Done(on workers)
///      ▲  ◀── an input lost ──┘ ▲ ◀── worker lost ──┤ ◀── worker lost ──┤               │
///      │                        └───────────────────┴───────────────────┴── output lost, still needed
///      └────────────── an input missing (Queued/Running) or output lost with inputs gone ──┘
///   Ready/Queued/Running ──▶ Failed (final): its own error, too many lost workers, or nowhere to run
/// </code>
/// </summary>
internal enum TaskState : byte
{
    /// <summary>Some input is not available yet (not computed, or lost and being recomputed).</summary>
    Waiting,

    /// <summary>Every input is available; waiting for a worker with room.</summary>
    Ready,

    /// <summary>Sent to a worker, not reported started yet.</summary>
    Queued,

    /// <summary>The worker reported it started.</summary>
    Running,

    /// <summary>Finished; its output partitions are on the workers in its holders (none once released).</summary>
    Done,

    /// <summary>Failed for good; its job failed with it.</summary>
    Failed,
}
