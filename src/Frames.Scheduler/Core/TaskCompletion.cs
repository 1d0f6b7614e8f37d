namespace FramesNet.Scheduler.Core;

/// <summary>A worker's report of a finished task: the size of each output bucket and what it read.</summary>
internal readonly record struct TaskCompletion(TaskKey Task, IReadOnlyList<TaskOutput> Outputs, double Seconds, long RowsRead, long BytesRead);
