using FramesNet.Physical;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Worker.Execution;

/// <summary>Where task reports go (the scheduler's control stream); a seam so execution is testable without one.</summary>
internal interface ITaskReporter
{
    void Started(TaskKey task);

    void Finished(TaskDone done);

    void Failed(TaskFailure failure);
}
