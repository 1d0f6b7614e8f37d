using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using Microsoft.Extensions.Logging;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// The Scheduler service's handlers (proto/frames.proto): they check requests, turn them into events or
/// actions on the loop, and turn answers back into replies. Partial files: jobs (client calls), files, workers.
/// </summary>
internal sealed partial class SchedulerService(SchedulerLoop loop, WorkerChannels channels, SchedulerOptions options, ILogger log)
    : Rpc.Protocol.Scheduler.SchedulerBase
{
    private long _connections;

    /// <summary>Told to every registering worker, which lets holders of the client token read partitions from it.</summary>
    private readonly Google.Protobuf.ByteString _clientTokenDigest = options.EffectiveClientToken is { } token
        ? Google.Protobuf.ByteString.CopyFrom(TokenRole.Digest(token))
        : Google.Protobuf.ByteString.Empty;

    /// <summary>The service, bound by its generated BindService.</summary>
    public RpcServices Build() =>
        new RpcServices().Add(SchedulerApi.ServiceName, binder => Rpc.Protocol.Scheduler.BindService(binder, this), () => Rpc.Protocol.Scheduler.Descriptor);
}
