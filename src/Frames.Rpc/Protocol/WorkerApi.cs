using Google.Protobuf.Reflection;

namespace FramesNet.Rpc.Protocol;

/// <summary>The methods of <c>frames.v1.Worker</c> (proto/frames.proto), checked against the descriptor at start-up.</summary>
public static class WorkerApi
{
    private static readonly ServiceDescriptor Service = FramesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Worker");

    public static readonly Method<FetchPartitionRequest, PartitionChunk> FetchPartition = Method.FromDescriptor<FetchPartitionRequest, PartitionChunk>(Service, "FetchPartition");
    public static readonly Method<PartitionChunk, PutPartitionReply> PutPartition = Method.FromDescriptor<PartitionChunk, PutPartitionReply>(Service, "PutPartition");
    public static readonly Method<HealthRequest, HealthReply> Health = Method.FromDescriptor<HealthRequest, HealthReply>(Service, "Health");
    public static readonly Method<ListFilesRequest, ListFilesReply> ListFiles = Method.FromDescriptor<ListFilesRequest, ListFilesReply>(Service, "ListFiles");
    public static readonly Method<InferCsvSchemaRequest, InferCsvSchemaReply> InferCsvSchema =
        Method.FromDescriptor<InferCsvSchemaRequest, InferCsvSchemaReply>(Service, "InferCsvSchema");
}
