using Google.Protobuf.Reflection;

namespace FramesNet.Rpc.Protocol;

/// <summary>The methods of <c>frames.v1.Scheduler</c> (proto/frames.proto), checked against the descriptor at start-up.</summary>
public static class SchedulerApi
{
    private static readonly ServiceDescriptor Service = FramesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Scheduler");

    public static readonly Method<SubmitGraphRequest, JobEvent> SubmitGraph = Method.FromDescriptor<SubmitGraphRequest, JobEvent>(Service, "SubmitGraph");
    public static readonly Method<CancelRequest, CancelReply> Cancel = Method.FromDescriptor<CancelRequest, CancelReply>(Service, "Cancel");
    public static readonly Method<StatusRequest, StatusReply> GetStatus = Method.FromDescriptor<StatusRequest, StatusReply>(Service, "GetStatus");
    public static readonly Method<ListFilesRequest, ListFilesReply> ListFiles = Method.FromDescriptor<ListFilesRequest, ListFilesReply>(Service, "ListFiles");
    public static readonly Method<InferCsvSchemaRequest, InferCsvSchemaReply> InferCsvSchema =
        Method.FromDescriptor<InferCsvSchemaRequest, InferCsvSchemaReply>(Service, "InferCsvSchema");
    public static readonly Method<ReleaseResultsRequest, ReleaseResultsReply> ReleaseResults =
        Method.FromDescriptor<ReleaseResultsRequest, ReleaseResultsReply>(Service, "ReleaseResults");
    public static readonly Method<RegisterWorkerRequest, RegisterWorkerReply> RegisterWorker =
        Method.FromDescriptor<RegisterWorkerRequest, RegisterWorkerReply>(Service, "RegisterWorker");
    public static readonly Method<WorkerMessage, SchedulerMessage> Connect = Method.FromDescriptor<WorkerMessage, SchedulerMessage>(Service, "Connect");
}
