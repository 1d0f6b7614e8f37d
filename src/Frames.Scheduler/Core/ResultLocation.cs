namespace FramesNet.Scheduler.Core;

/// <summary>One partition of a finished job's result: who holds it, at which addresses, and its size.</summary>
internal readonly record struct ResultLocation(PartitionRef Partition, IReadOnlyList<WorkerId> Workers, IReadOnlyList<string> Addresses, long Rows, long Bytes);
