using FramesNet.Rpc.Protocol;

namespace FramesNet.Worker.Execution;

/// <summary>How running a task ended: done (outputs stored), failed, or cancelled (nothing to report).</summary>
internal abstract record TaskOutcome
{
    public sealed record Done(TaskDone Report) : TaskOutcome;

    public sealed record Failed(TaskFailure Report) : TaskOutcome;

    public sealed record Cancelled : TaskOutcome;
}
