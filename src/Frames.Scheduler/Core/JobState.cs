namespace FramesNet.Scheduler.Core;

/// <summary>
/// A job's life: <c>Running → Finished</c> (results held until released) or <c>Running → Failed | Cancelled</c>.
/// Failed and cancelled jobs are forgotten at once; finished ones when their results are released.
/// </summary>
internal enum JobState : byte
{
    Running,
    Finished,
    Failed,
    Cancelled,
}
