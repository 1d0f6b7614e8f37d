namespace FramesNet.Physical;

/// <summary>
/// The identity of a task: a readable stage name plus a hash of its operator spec and its inputs' keys,
/// so equal work gets an equal key (across runs and processes) and anything else a different one.
/// </summary>
public readonly record struct TaskKey(string Value)
{
    public override string ToString() => Value;
}

/// <summary>One output partition of a task: a bucket of a partitioning sink, or the whole output (bucket 0).</summary>
public readonly record struct PartitionRef(TaskKey Task, int Bucket = 0)
{
    public override string ToString() => Bucket == 0 ? Task.Value : $"{Task.Value}[{Bucket}]";
}
