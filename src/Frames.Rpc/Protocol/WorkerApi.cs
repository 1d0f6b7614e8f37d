namespace FramesNet.Rpc.Protocol;

/// <summary>
/// The methods of <c>frames.v1.Worker</c> (proto/frames.proto), built from names and parsers like
/// <see cref="SchedulerApi"/>; a test checks them against the descriptor.
/// </summary>
public static class WorkerApi
{
    public const string ServiceName = "frames.v1.Worker";

    public static readonly Method<FetchPartitionRequest, PartitionChunk> FetchPartition =
        new(MethodType.ServerStreaming, ServiceName, "FetchPartition", FetchPartitionRequest.Parser, PartitionChunk.Parser);
    public static readonly Method<PartitionChunk, PutPartitionReply> PutPartition =
        new(MethodType.ClientStreaming, ServiceName, "PutPartition", PartitionChunk.Parser, PutPartitionReply.Parser);
    public static readonly Method<SharePartitionRequest, SharePartitionReply> SharePartition =
        new(MethodType.ServerStreaming, ServiceName, "SharePartition", SharePartitionRequest.Parser, SharePartitionReply.Parser);
    public static readonly Method<HealthRequest, HealthReply> Health =
        new(MethodType.Unary, ServiceName, "Health", HealthRequest.Parser, HealthReply.Parser);
    public static readonly Method<ListFilesRequest, ListFilesReply> ListFiles =
        new(MethodType.Unary, ServiceName, "ListFiles", ListFilesRequest.Parser, ListFilesReply.Parser);
    public static readonly Method<DescribeFilesRequest, DescribeFilesReply> DescribeFiles =
        new(MethodType.Unary, ServiceName, "DescribeFiles", DescribeFilesRequest.Parser, DescribeFilesReply.Parser);
}
