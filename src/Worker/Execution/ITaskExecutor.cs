using FramesNet.Execution;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Worker.Execution;

/// <summary>Runs one task to its outcome; <see cref="TaskSlots"/> decides when.</summary>
internal interface ITaskExecutor
{
    Task<TaskOutcome> RunAsync(RunTask run, SharedTaskState shared, CancellationToken cancellationToken);
}
