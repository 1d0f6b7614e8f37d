using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using Grpc.Core;
using SchedulerService = FramesNet.Rpc.Protocol.Scheduler;

namespace FramesNet.Worker.Tests.TestSupport;

/// <summary>The worker-facing half of a frames.v1.Scheduler service, answered by the handlers a test gives.</summary>
internal sealed class SchedulerStub : SchedulerService.SchedulerBase
{
    public required Func<RegisterWorkerRequest, ServerCallContext, Task<RegisterWorkerReply>> Register { get; init; }

    public required Func<IAsyncStreamReader<WorkerMessage>, IServerStreamWriter<SchedulerMessage>, ServerCallContext, Task> Connected { get; init; }

    public RpcServices Services() => new RpcServices().Add(SchedulerApi.ServiceName, binder => SchedulerService.BindService(binder, this), () => SchedulerService.Descriptor);

    public override Task<RegisterWorkerReply> RegisterWorker(RegisterWorkerRequest request, ServerCallContext context) => Register(request, context);

    public override Task Connect(IAsyncStreamReader<WorkerMessage> requestStream, IServerStreamWriter<SchedulerMessage> responseStream, ServerCallContext context) =>
        Connected(requestStream, responseStream, context);
}
