namespace FramesNet.Scheduler.Core;

/// <summary>
/// A task's key as the client named it (a stage name and a hash of the work, so equal work has an equal
/// key). Unique within a job; two jobs may share keys, and workers store partitions by key.
/// </summary>
internal readonly record struct TaskKey(string Value)
{
    public override string ToString() => Value;
}
