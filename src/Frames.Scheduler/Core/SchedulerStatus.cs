namespace FramesNet.Scheduler.Core;

/// <summary>A snapshot of the scheduler for <c>GetStatus</c>: workers and live jobs.</summary>
internal sealed record SchedulerStatus(IReadOnlyList<WorkerSnapshot> Workers, IReadOnlyList<JobSnapshot> Jobs);

/// <param name="Running">Tasks reported started and not yet finished.</param>
/// <param name="Assigned">Tasks queued or running on it.</param>
internal sealed record WorkerSnapshot(WorkerId Id, WorkerDescription Description, bool Connected, int Running, int Assigned, long MemoryUsed, long StoredBytes,
    double SecondsSinceHeard);

internal sealed record JobSnapshot(JobId Id, string Name, JobState State, int TasksTotal, int TasksDone, int TasksRunning, double Seconds);
