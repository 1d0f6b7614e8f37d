namespace FramesNet.Scheduler.Core;

/// <summary>Where a task's input partition is: peer addresses of its holders, empty when the task's own worker holds it.</summary>
internal readonly record struct InputLocation(PartitionRef Partition, IReadOnlyList<string> Addresses);
