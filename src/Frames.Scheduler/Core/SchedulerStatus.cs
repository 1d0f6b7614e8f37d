namespace FramesNet.Scheduler.Core;

/// <summary>A snapshot of the scheduler for <c>GetStatus</c>: workers, live jobs, and the last jobs that ended (oldest first).</summary>
internal sealed record SchedulerStatus(IReadOnlyList<WorkerSnapshot> Workers, IReadOnlyList<JobSnapshot> Jobs, IReadOnlyList<JobSnapshot> Ended);

/// <param name="Running">Tasks reported started and not yet finished.</param>
/// <param name="Assigned">Tasks queued or running on it.</param>
internal sealed record WorkerSnapshot(WorkerId Id, WorkerDescription Description, bool Connected, int Running, int Assigned, long MemoryUsed, long StoredBytes,
    double SecondsSinceHeard);

/// <param name="Message">Why it failed or was cancelled; empty otherwise.</param>
internal sealed record JobSnapshot(JobId Id, string Name, JobState State, int TasksTotal, int TasksDone, int TasksRunning, double Seconds, string Message);
