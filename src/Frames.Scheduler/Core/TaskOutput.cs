namespace FramesNet.Scheduler.Core;

/// <summary>Size of one output bucket of a finished task.</summary>
internal readonly record struct TaskOutput(int Bucket, long Rows, long Bytes);
