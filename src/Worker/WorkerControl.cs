using FramesNet.Cluster;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Connection;
using FramesNet.Worker.Execution;
using FramesNet.Worker.Store;
using Microsoft.Extensions.Logging;

namespace FramesNet.Worker;

/// <summary>Carries out the scheduler's commands on the task slots and the store, and reports their state.</summary>
internal sealed class WorkerControl(TaskSlots slots, PartitionStore store, ILogger logger) : IControlHandler
{
    public void Run(RunTasks tasks) => slots.Enqueue(tasks.Tasks);

    public void Release(ReleasePartitions release)
    {
        var tasks = release.Tasks.Select(t => new TaskKey(t)).ToArray();
        var cancelled = slots.Cancel(tasks);
        var released = store.Release(tasks);
        WorkerLog.Released(logger, tasks.Length, released, cancelled, store.StoredBytes);
    }

    public void Disconnected()
    {
        var dropped = slots.DropQueued();
        if (dropped > 0)
            WorkerLog.QueuedDropped(logger, dropped);
    }

    public Heartbeat Heartbeat() => new()
    {
        Running = slots.Running,
        MemoryUsed = store.MemoryBytes,
        StoredBytes = store.StoredBytes,
    };

    public IEnumerable<Rpc.Protocol.PartitionRef> Stored() => store.Keys.Select(TaskSpecCodec.ToProto);
}
