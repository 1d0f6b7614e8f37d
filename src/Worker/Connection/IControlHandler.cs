using FramesNet.Rpc.Protocol;

namespace FramesNet.Worker.Connection;

/// <summary>What the control stream needs from the rest of the worker: commands in, state out.</summary>
internal interface IControlHandler
{
    void Run(RunTasks tasks);

    void Release(ReleasePartitions release);

    /// <summary>The stream broke: the scheduler hands this worker's queued tasks to others.</summary>
    void Disconnected();

    Heartbeat Heartbeat();

    /// <summary>The partitions this worker holds, for the hello of a new stream.</summary>
    IEnumerable<PartitionRef> Stored();
}
