namespace FramesNet.Scheduler.Core;

/// <summary>
/// A worker's report of a task that did not finish. With <see cref="MissingInputs"/>, the worker could
/// not fetch those inputs (they are recomputed and the task runs again); without, it is the task's own
/// error and its job fails.
/// </summary>
internal sealed record TaskFailureReport(TaskKey Task, string Message, string Operator, string Input, IReadOnlyList<PartitionRef> MissingInputs);
