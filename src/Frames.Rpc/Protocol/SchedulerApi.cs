namespace FramesNet.Rpc.Protocol;

/// <summary>
/// The methods of <c>frames.v1.Scheduler</c> (proto/frames.proto). Built from names and parsers, not from the
/// file descriptor: building that reflects over every message of the file, which cost each process tens of
/// milliseconds at start-up. A test checks every method against the descriptor instead.
/// </summary>
public static class SchedulerApi
{
    public const string ServiceName = "frames.v1.Scheduler";

    public static readonly Method<SubmitGraphRequest, JobEvent> SubmitGraph =
        new(MethodType.ServerStreaming, ServiceName, "SubmitGraph", SubmitGraphRequest.Parser, JobEvent.Parser);
    public static readonly Method<CancelRequest, CancelReply> Cancel =
        new(MethodType.Unary, ServiceName, "Cancel", CancelRequest.Parser, CancelReply.Parser);
    public static readonly Method<StatusRequest, StatusReply> GetStatus =
        new(MethodType.Unary, ServiceName, "GetStatus", StatusRequest.Parser, StatusReply.Parser);
    public static readonly Method<ListFilesRequest, ListFilesReply> ListFiles =
        new(MethodType.Unary, ServiceName, "ListFiles", ListFilesRequest.Parser, ListFilesReply.Parser);
    public static readonly Method<DescribeFilesRequest, DescribeFilesReply> DescribeFiles =
        new(MethodType.Unary, ServiceName, "DescribeFiles", DescribeFilesRequest.Parser, DescribeFilesReply.Parser);
    public static readonly Method<ReleaseResultsRequest, ReleaseResultsReply> ReleaseResults =
        new(MethodType.Unary, ServiceName, "ReleaseResults", ReleaseResultsRequest.Parser, ReleaseResultsReply.Parser);
    public static readonly Method<RegisterWorkerRequest, RegisterWorkerReply> RegisterWorker =
        new(MethodType.Unary, ServiceName, "RegisterWorker", RegisterWorkerRequest.Parser, RegisterWorkerReply.Parser);
    public static readonly Method<WorkerMessage, SchedulerMessage> Connect =
        new(MethodType.DuplexStreaming, ServiceName, "Connect", WorkerMessage.Parser, SchedulerMessage.Parser);
}
