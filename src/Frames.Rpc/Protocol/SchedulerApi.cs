using Grpc.Core;

namespace FramesNet.Rpc.Protocol;

/// <summary>
/// The <c>frames.v1.Scheduler</c> service (proto/frames.proto): its generated client, and its methods' paths
/// for tables keyed by method (which token role may call what). Paths are constants, not read from the file
/// descriptor: building that reflects over every message of the file, which cost each process tens of
/// milliseconds at start-up. A test checks them against the descriptor.
/// </summary>
public static class SchedulerApi
{
    public const string ServiceName = "frames.v1.Scheduler";

    public const string SubmitGraph = "/frames.v1.Scheduler/SubmitGraph";
    public const string Cancel = "/frames.v1.Scheduler/Cancel";
    public const string GetStatus = "/frames.v1.Scheduler/GetStatus";
    public const string ListFiles = "/frames.v1.Scheduler/ListFiles";
    public const string DescribeFiles = "/frames.v1.Scheduler/DescribeFiles";
    public const string ReleaseResults = "/frames.v1.Scheduler/ReleaseResults";
    public const string RegisterWorker = "/frames.v1.Scheduler/RegisterWorker";
    public const string Connect = "/frames.v1.Scheduler/Connect";

    /// <summary>The generated client over <paramref name="channel"/> (cheap: make one per use or keep it).</summary>
    public static Scheduler.SchedulerClient Client(ChannelBase channel) => new(channel);
}
