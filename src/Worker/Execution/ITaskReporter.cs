using FramesNet.Physical;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Worker.Execution;

/// <summary>Where task reports go (the scheduler's control stream); a seam so execution is testable without one.</summary>
internal interface ITaskReporter
{
    /// <summary>Reports the task started; the returned task completes once the report has left the process.</summary>
    /// <remarks>
    /// The runner waits for it (briefly), so a task that crashes the worker is known to have been running:
    /// the scheduler counts that against the task, and a task that keeps killing workers fails its job.
    /// </remarks>
    Task Started(TaskKey task);

    void Finished(TaskDone done);

    void Failed(TaskFailure failure);
}
