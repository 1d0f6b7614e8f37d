using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Worker.Execution;
using FramesNet.Worker.Files;
using FramesNet.Worker.Store;

namespace FramesNet.Worker.Services;

/// <summary>The Worker service (proto/frames.proto): every method with its handler.</summary>
internal static class WorkerServices
{
    public static RpcServices Create(PartitionStore store, ShareFolder? share, DataRoots roots, WorkerIdentity identity, TaskSlots slots)
    {
        var partitions = new PartitionHandlers(store, share, identity);
        var files = new FileHandlers(roots);
        return new RpcServices()
            .AddServerStreaming(WorkerApi.FetchPartition, partitions.FetchAsync)
            .AddClientStreaming(WorkerApi.PutPartition, partitions.PutAsync)
            .AddServerStreaming(WorkerApi.SharePartition, partitions.ShareAsync)
            .AddUnary(WorkerApi.Health, (_, _) => Task.FromResult(new HealthReply
            {
                WorkerId = identity.Id.Value,
                Host = identity.HostName,
                Slots = identity.Slots,
                Running = slots.Running,
                StoredBytes = store.StoredBytes,
            }))
            .AddUnary(WorkerApi.ListFiles, files.ListAsync)
            .AddUnary(WorkerApi.DescribeFiles, files.DescribeFilesAsync);
    }
}
