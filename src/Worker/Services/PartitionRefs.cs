using FramesNet.Physical;

namespace FramesNet.Worker.Services;

/// <summary>Converts partition names between the protocol and the library.</summary>
internal static class PartitionRefs
{
    public static PartitionRef FromProto(Rpc.Protocol.PartitionRef partition)
    {
        if (string.IsNullOrEmpty(partition.Task))
            throw new Rpc.RpcException(Rpc.StatusCode.InvalidArgument, "a partition reference needs a task key");
        if (partition.Bucket < 0)
            throw new Rpc.RpcException(Rpc.StatusCode.InvalidArgument, $"partition {partition.Task}: bucket {partition.Bucket} is negative");
        return new PartitionRef(new TaskKey(partition.Task), partition.Bucket);
    }

    public static Rpc.Protocol.PartitionRef ToProto(PartitionRef partition) => new() { Task = partition.Task.Value, Bucket = partition.Bucket };
}
