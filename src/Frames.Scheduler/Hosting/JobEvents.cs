using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Core;
using TaskEventKind = FramesNet.Scheduler.Core.TaskEventKind;

namespace FramesNet.Scheduler.Hosting;

/// <summary>The core's notifications for a job's client, in their protocol form.</summary>
internal static class JobEvents
{
    public static JobEvent ToProto(SchedulerCommand command) => command switch
    {
        NotifyAccepted accepted => new JobEvent { Accepted = new JobAccepted { Job = accepted.Job.ToString(), Tasks = accepted.Tasks } },
        NotifyTask task => new JobEvent
        {
            Task = new TaskEvent
            {
                Task = task.Task.Value,
                Kind = ToProto(task.Kind),
                WorkerId = task.Worker?.ToString() ?? "",
                Host = task.Host,
                Attempt = task.Attempt,
                Message = task.Message,
                Seconds = task.Seconds,
                RowsRead = task.RowsRead,
                BytesRead = task.BytesRead,
            },
        },
        NotifyProgress progress => new JobEvent
        {
            Progress = new JobProgress
            {
                TasksDone = progress.TasksDone,
                TasksTotal = progress.TasksTotal,
                RowsRead = progress.RowsRead,
                BytesRead = progress.BytesRead,
                Seconds = progress.Seconds,
            },
        },
        NotifyFinished finished => new JobEvent { Finished = ToProto(finished) },
        NotifyFailed failed => new JobEvent { Failed = new JobFailed { Job = failed.Job.ToString(), Task = failed.Task?.Value ?? "", Message = failed.Message } },
        _ => throw new ArgumentException($"{command.GetType().Name} is not a job event", nameof(command)),
    };

    private static JobFinished ToProto(NotifyFinished finished)
    {
        var proto = new JobFinished { Job = finished.Job.ToString(), Seconds = finished.Seconds };
        foreach (var result in finished.Results)
        {
            var location = new PartitionLocation { Partition = GraphCodec.ToProto(result.Partition), Rows = result.Rows, Bytes = result.Bytes };
            foreach (var worker in result.Workers)
                location.WorkerIds.Add(worker.ToString());
            location.Addresses.AddRange(result.Addresses);
            proto.Results.Add(location);
        }
        return proto;
    }

    internal static Rpc.Protocol.TaskEventKind ToProto(TaskEventKind kind) => kind switch
    {
        TaskEventKind.Started => Rpc.Protocol.TaskEventKind.Started,
        TaskEventKind.Finished => Rpc.Protocol.TaskEventKind.Finished,
        TaskEventKind.Failed => Rpc.Protocol.TaskEventKind.Failed,
        TaskEventKind.Rescheduled => Rpc.Protocol.TaskEventKind.Rescheduled,
    };
}
