namespace FramesNet.Scheduler.Core;

/// <summary>
/// One task of a submitted graph, as the scheduler needs it: identity, what it reads, the file it scans,
/// its size estimate and the spec it passes on without reading it.
/// </summary>
/// <param name="Buckets">Output partitions the task produces (1 unless its sink partitions).</param>
/// <param name="Inputs">Partitions the task reads, in order.</param>
/// <param name="SideInputs">Whole datasets an operator needs (a broadcast side, sort boundaries).</param>
/// <param name="FilePath">For a scan: the file it reads (placement honours who can see it).</param>
/// <param name="Spec">What to compute, encoded by the client; opaque here.</param>
internal sealed record TaskDefinition(
    TaskKey Key,
    int Stage,
    int Partition,
    int Buckets,
    IReadOnlyList<PartitionRef> Inputs,
    IReadOnlyList<IReadOnlyList<PartitionRef>> SideInputs,
    string? FilePath,
    long InputBytes,
    ReadOnlyMemory<byte> Spec);
