namespace FramesNet.Scheduler.Core;

/// <summary>
/// What <see cref="SchedulerCore.Handle"/> asks the outside world to do: messages to workers on their
/// Connect streams, and job events to clients on their SubmitGraph streams. The dispatcher performs them.
/// </summary>
internal abstract record SchedulerCommand;

/// <summary>Run these tasks (one batch per worker per event).</summary>
internal sealed record SendTasks(WorkerId Worker, IReadOnlyList<TaskAssignment> Tasks) : SchedulerCommand;

/// <summary>Drop every bucket of these tasks' outputs.</summary>
internal sealed record SendRelease(WorkerId Worker, IReadOnlyList<TaskKey> Tasks) : SchedulerCommand;

/// <summary>The worker was removed: end its Connect stream with this reason (a no-op when it is gone already).</summary>
internal sealed record DisconnectWorker(WorkerId Worker, string Host, string Reason) : SchedulerCommand;

internal sealed record NotifyAccepted(JobId Job, int Tasks) : SchedulerCommand;

/// <summary>A task event for the job's client; <paramref name="Worker"/> is where it ran (or was lost).</summary>
internal sealed record NotifyTask(JobId Job, TaskKey Task, TaskEventKind Kind, WorkerId? Worker, string Host, int Attempt, string Message,
    double Seconds = 0, long RowsRead = 0, long BytesRead = 0) : SchedulerCommand;

internal sealed record NotifyProgress(JobId Job, int TasksDone, int TasksTotal, long RowsRead, long BytesRead, double Seconds) : SchedulerCommand;

/// <summary>The job finished: one location per output partition, in order. Ends the job's stream.</summary>
internal sealed record NotifyFinished(JobId Job, IReadOnlyList<ResultLocation> Results, double Seconds) : SchedulerCommand;

/// <summary>The job failed or was cancelled. Ends the job's stream.</summary>
internal sealed record NotifyFailed(JobId Job, TaskKey? Task, string Message) : SchedulerCommand;
