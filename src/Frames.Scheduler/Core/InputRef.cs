namespace FramesNet.Scheduler.Core;

/// <summary>A partition inside one job's graph: the producing task's index and the bucket.</summary>
internal readonly record struct InputRef(int Task, int Bucket);
