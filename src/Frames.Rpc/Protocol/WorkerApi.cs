using Grpc.Core;

namespace FramesNet.Rpc.Protocol;

/// <summary>
/// The <c>frames.v1.Worker</c> service (proto/frames.proto): its generated client and its methods' paths, like
/// <see cref="SchedulerApi"/>. The partition data plane (FetchPartition's answers, PutPartition's requests) is
/// also described with a marshaller that lends chunk bytes instead of parsing them (<c>PartitionMethods</c> in
/// the engine), which the worker binds instead of the generated PutPartition.
/// </summary>
public static class WorkerApi
{
    public const string ServiceName = "frames.v1.Worker";

    public const string FetchPartition = "/frames.v1.Worker/FetchPartition";
    public const string PutPartition = "/frames.v1.Worker/PutPartition";
    public const string SharePartition = "/frames.v1.Worker/SharePartition";
    public const string Health = "/frames.v1.Worker/Health";
    public const string ListFiles = "/frames.v1.Worker/ListFiles";
    public const string DescribeFiles = "/frames.v1.Worker/DescribeFiles";

    /// <summary>The generated client over <paramref name="channel"/>.</summary>
    public static Worker.WorkerClient Client(ChannelBase channel) => new(channel);
}
