namespace FramesNet.Scheduler.Core;

/// <summary>One task sent to a worker: what to run and where each input can be fetched from.</summary>
/// <param name="Attempt">1 the first time; higher after a lost worker or a missing input.</param>
internal readonly record struct TaskAssignment(JobId Job, TaskKey Task, int Attempt, int Stage, int Partition, ReadOnlyMemory<byte> Spec,
    IReadOnlyList<InputLocation> Inputs, IReadOnlyList<IReadOnlyList<InputLocation>> SideInputs);
