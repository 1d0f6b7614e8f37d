namespace FramesNet.Scheduler.Core;

/// <summary>
/// What can happen to the scheduler: the vocabulary <see cref="SchedulerCore.Handle"/> understands.
/// Events come from clients (submit, cancel, release, file listings), from workers (register, connect,
/// heartbeats, task reports, a broken stream) and from the clock (<see cref="Tick"/>).
/// </summary>
internal abstract record SchedulerEvent;

/// <summary>A worker registered; its id was taken from <see cref="SchedulerCore.NewWorkerId"/>.</summary>
internal sealed record WorkerRegistered(WorkerId Worker, WorkerDescription Description) : SchedulerEvent;

/// <summary>A registered worker opened its Connect stream (and said which partitions it still holds).</summary>
internal sealed record WorkerConnected(WorkerId Worker, long Connection, IReadOnlyList<PartitionRef> Stored) : SchedulerEvent;

internal sealed record WorkerHeartbeat(WorkerId Worker, int Running, long MemoryUsed, long StoredBytes) : SchedulerEvent;

internal sealed record TasksStarted(WorkerId Worker, IReadOnlyList<TaskKey> Tasks) : SchedulerEvent;

internal sealed record TasksFinished(WorkerId Worker, IReadOnlyList<TaskCompletion> Tasks) : SchedulerEvent;

internal sealed record TaskFailed(WorkerId Worker, TaskFailureReport Failure) : SchedulerEvent;

/// <summary>A worker's Connect stream ended or broke; <paramref name="Reason"/> says how ("connection broken").</summary>
internal sealed record WorkerLost(WorkerId Worker, long Connection, string Reason) : SchedulerEvent;

/// <summary>A client submitted a valid graph; its id was taken from <see cref="SchedulerCore.NewJobId"/>.</summary>
/// <param name="MaxAttempts">A task that loses this many workers fails the job.</param>
/// <param name="TaskEvents">Send STARTED and FINISHED task events too.</param>
internal sealed record JobSubmitted(JobId Job, string Name, JobGraph Graph, int MaxAttempts, bool TaskEvents) : SchedulerEvent;

/// <summary>A client cancelled a job, or its SubmitGraph stream went away before the end.</summary>
internal sealed record JobCancelled(JobId Job, string Reason) : SchedulerEvent;

/// <summary>
/// A client is done with a finished job's results; with <paramref name="GatherFailure"/> it could not gather
/// them (a worker failed to send one, say), and the job ends failed with that message.
/// </summary>
internal sealed record ResultsReleased(JobId Job, string? GatherFailure = null) : SchedulerEvent;

/// <summary>The workers that answered a file listing, and what they saw (merged by path).</summary>
internal sealed record FilesListed(IReadOnlyList<ListedFile> Files, IReadOnlyList<WorkerId> Participants) : SchedulerEvent;

/// <summary>The clock: check heartbeats, send coalesced progress.</summary>
internal sealed record Tick : SchedulerEvent
{
    public static Tick Instance { get; } = new();
}
