using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using Grpc.Core;
using WorkerService = FramesNet.Rpc.Protocol.Worker;

namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>
/// A frames.v1.Worker service whose methods are the handlers a test gives; the others answer UNIMPLEMENTED.
/// Serve it with <c>RpcServer.StartAsync(stub.Services())</c>.
/// </summary>
internal sealed class WorkerStub : WorkerService.WorkerBase
{
    public Func<FetchPartitionRequest, IServerStreamWriter<PartitionChunk>, ServerCallContext, Task>? Fetch { get; init; }

    public Func<IAsyncStreamReader<PartitionChunk>, ServerCallContext, Task<PutPartitionReply>>? Put { get; init; }

    public Func<SharePartitionRequest, IServerStreamWriter<SharePartitionReply>, ServerCallContext, Task>? Share { get; init; }

    public Func<ListFilesRequest, ServerCallContext, Task<ListFilesReply>>? List { get; init; }

    public Func<DescribeFilesRequest, ServerCallContext, Task<DescribeFilesReply>>? Describe { get; init; }

    public RpcServices Services() => new RpcServices().Add(WorkerApi.ServiceName, binder => WorkerService.BindService(binder, this), () => WorkerService.Descriptor);

    public override Task FetchPartition(FetchPartitionRequest request, IServerStreamWriter<PartitionChunk> responseStream, ServerCallContext context) =>
        Fetch is { } fetch ? fetch(request, responseStream, context) : base.FetchPartition(request, responseStream, context);

    public override Task<PutPartitionReply> PutPartition(IAsyncStreamReader<PartitionChunk> requestStream, ServerCallContext context) =>
        Put is { } put ? put(requestStream, context) : base.PutPartition(requestStream, context);

    public override Task SharePartition(SharePartitionRequest request, IServerStreamWriter<SharePartitionReply> responseStream, ServerCallContext context) =>
        Share is { } share ? share(request, responseStream, context) : base.SharePartition(request, responseStream, context);

    public override Task<ListFilesReply> ListFiles(ListFilesRequest request, ServerCallContext context) =>
        List is { } list ? list(request, context) : base.ListFiles(request, context);

    public override Task<DescribeFilesReply> DescribeFiles(DescribeFilesRequest request, ServerCallContext context) =>
        Describe is { } describe ? describe(request, context) : base.DescribeFiles(request, context);
}
