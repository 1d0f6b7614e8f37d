namespace FramesNet.Scheduler.Core;

/// <summary>One output partition of a task: a bucket of a partitioning sink, or the whole output (bucket 0).</summary>
internal readonly record struct PartitionRef(TaskKey Task, int Bucket)
{
    public override string ToString() => Bucket == 0 ? Task.Value : $"{Task.Value}[{Bucket}]";
}
