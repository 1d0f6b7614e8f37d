using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Hosting;

/// <summary>A <see cref="SchedulerStatus"/> snapshot as a <see cref="StatusReply"/>.</summary>
internal static class StatusCodec
{
    public static StatusReply ToProto(SchedulerStatus status)
    {
        var reply = new StatusReply();
        foreach (var worker in status.Workers)
        {
            var proto = new WorkerStatus
            {
                WorkerId = worker.Id.ToString(),
                Host = worker.Description.Host,
                Address = worker.Description.Address,
                Slots = worker.Description.Slots,
                Running = worker.Running,
                MemoryUsed = worker.MemoryUsed,
                StoredBytes = worker.StoredBytes,
                SecondsSinceHeartbeat = worker.SecondsSinceHeard,
                MemoryLimit = worker.Description.MemoryLimit,
                Assigned = worker.Assigned,
            };
            proto.DataRoots.AddRange(worker.Description.DataRoots);
            reply.Workers.Add(proto);
        }
        reply.Jobs.AddRange(status.Jobs.Select(ToProto));
        reply.Ended.AddRange(status.Ended.Select(ToProto));
        return reply;
    }

    private static JobStatus ToProto(JobSnapshot job) => new()
    {
        Job = job.Id.ToString(),
        Name = job.Name,
        State = job.State.ToString().ToLowerInvariant(),
        TasksTotal = job.TasksTotal,
        TasksDone = job.TasksDone,
        TasksRunning = job.TasksRunning,
        Seconds = job.Seconds,
        Message = job.Message,
    };
}
