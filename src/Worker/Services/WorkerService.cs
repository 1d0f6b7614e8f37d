using FramesNet.Cluster;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Worker.Execution;
using FramesNet.Worker.Files;
using FramesNet.Worker.Store;
using Grpc.Core;

namespace FramesNet.Worker.Services;

/// <summary>
/// The Worker service (proto/frames.proto) on its generated base: every method with its handler. PutPartition is
/// bound with <see cref="PartitionMethods.PutPartition"/> instead of the generated method, so its chunks are read
/// from the request pipe into pooled blocks rather than parsed into new arrays.
/// </summary>
internal sealed class WorkerService(PartitionHandlers partitions, FileHandlers files, PartitionStore store, WorkerIdentity identity, TaskSlots slots)
    : Rpc.Protocol.Worker.WorkerBase
{
    public static RpcServices Create(PartitionStore store, ShareFolder? share, DataRoots roots, WorkerIdentity identity, TaskSlots slots)
    {
        var partitions = new PartitionHandlers(store, share, identity);
        var service = new WorkerService(partitions, new FileHandlers(roots), store, identity, slots);
        return new RpcServices().Add(WorkerApi.ServiceName, binder =>
        {
            Rpc.Protocol.Worker.BindService(binder.Except(nameof(PutPartition)), service);
            binder.AddMethod(PartitionMethods.PutPartition, partitions.PutAsync);
        }, () => Rpc.Protocol.Worker.Descriptor);
    }

    public override Task FetchPartition(FetchPartitionRequest request, IServerStreamWriter<PartitionChunk> responseStream, ServerCallContext context) =>
        partitions.FetchAsync(request, responseStream, context);

    public override Task SharePartition(SharePartitionRequest request, IServerStreamWriter<SharePartitionReply> responseStream, ServerCallContext context) =>
        partitions.ShareAsync(request, responseStream, context);

    public override Task<HealthReply> Health(HealthRequest request, ServerCallContext context) => Task.FromResult(new HealthReply
    {
        WorkerId = identity.Id.Value,
        Host = identity.HostName,
        Slots = identity.Slots,
        Running = slots.Running,
        StoredBytes = store.StoredBytes,
    });

    public override Task<ListFilesReply> ListFiles(ListFilesRequest request, ServerCallContext context) => files.ListAsync(request, context);

    public override Task<DescribeFilesReply> DescribeFiles(DescribeFilesRequest request, ServerCallContext context) =>
        files.DescribeFilesAsync(request, context);
}
