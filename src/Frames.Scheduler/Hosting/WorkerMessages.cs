using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Core;
using Google.Protobuf;
using InputLocation = FramesNet.Scheduler.Core.InputLocation;
using TaskOutput = FramesNet.Scheduler.Core.TaskOutput;
using TasksFinished = FramesNet.Scheduler.Core.TasksFinished;
using TasksStarted = FramesNet.Scheduler.Core.TasksStarted;

namespace FramesNet.Scheduler.Hosting;

/// <summary>Worker traffic between its protocol form and the core's events and commands.</summary>
internal static class WorkerMessages
{
    /// <summary>The event a message on a Connect stream stands for; null for a message with nothing in it (or a second hello).</summary>
    public static SchedulerEvent? ToEvent(WorkerId worker, WorkerMessage message) => message.MessageCase switch
    {
        WorkerMessage.MessageOneofCase.Heartbeat => new WorkerHeartbeat(worker, message.Heartbeat.Running, message.Heartbeat.MemoryUsed, message.Heartbeat.StoredBytes),
        WorkerMessage.MessageOneofCase.Finished => new TasksFinished(worker, ToCompletions(message.Finished)),
        WorkerMessage.MessageOneofCase.Started => new TasksStarted(worker, [.. message.Started.Tasks.Select(t => new TaskKey(t))]),
        WorkerMessage.MessageOneofCase.Failed => new TaskFailed(worker, ToReport(message.Failed)),
        _ => null,
    };

    public static WorkerDescription ToDescription(RegisterWorkerRequest request, string host) =>
        new(host, request.Address, request.Slots, request.MemoryLimit, [.. request.DataRoots], request.Version);

    private static TaskCompletion[] ToCompletions(Rpc.Protocol.TasksFinished finished)
    {
        var completions = new TaskCompletion[finished.Tasks.Count];
        for (var i = 0; i < completions.Length; i++)
        {
            var done = finished.Tasks[i];
            TaskOutput[] outputs = [];
            if (done.Outputs.Count > 0)
                outputs = [.. done.Outputs.Select(o => new TaskOutput(o.Bucket, o.Rows, o.Bytes))];
            completions[i] = new TaskCompletion(new TaskKey(done.Task), outputs, done.Seconds, done.RowsRead, done.BytesRead);
        }
        return completions;
    }

    private static TaskFailureReport ToReport(TaskFailure failure) =>
        new(new TaskKey(failure.Task), failure.Message, failure.Operator, failure.Input, [.. failure.MissingInputs.Select(GraphCodec.ToRef)]);

    public static RunTask ToProto(TaskAssignment task)
    {
        var run = new RunTask
        {
            Job = task.Job.ToString(),
            Task = task.Task.Value,
            Attempt = task.Attempt,
            Stage = task.Stage,
            Partition = task.Partition,
            Spec = task.Spec.IsEmpty ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(task.Spec),
        };
        foreach (var input in task.Inputs)
            run.Inputs.Add(ToProto(input));
        foreach (var side in task.SideInputs)
        {
            var located = new SideInputLocations();
            foreach (var input in side)
                located.Partitions.Add(ToProto(input));
            run.SideInputs.Add(located);
        }
        return run;
    }

    /// <summary>A rough size of a task in a RunTasks message, to keep batches well under the message limit.</summary>
    public static int EstimateSize(TaskAssignment task)
    {
        var size = 64 + task.Spec.Length + task.Task.Value.Length;
        foreach (var input in task.Inputs)
            size += 48 + input.Partition.Task.Value.Length + 32 * input.Addresses.Count;
        foreach (var side in task.SideInputs)
            size += side.Count * 80;
        return size;
    }

    private static Rpc.Protocol.InputLocation ToProto(InputLocation input)
    {
        var located = new Rpc.Protocol.InputLocation { Partition = GraphCodec.ToProto(input.Partition) };
        located.Addresses.AddRange(input.Addresses);
        return located;
    }
}
