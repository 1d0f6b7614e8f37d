namespace FramesNet.Scheduler.Core;

/// <summary>What happened to a task, as told to its job's client.</summary>
internal enum TaskEventKind
{
    Started,
    Finished,
    Failed,

    /// <summary>Its worker (or its output's only holder) was lost, or an input was missing: it runs again.</summary>
    Rescheduled,
}
