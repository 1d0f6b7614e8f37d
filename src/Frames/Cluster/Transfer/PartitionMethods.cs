using FramesNet.Rpc.Protocol;
using Google.Protobuf;
using Grpc.Core;

namespace FramesNet.Cluster;

/// <summary>
/// The partition data plane's methods of <c>frames.v1.Worker</c> as the receiving side calls or binds them: the
/// same wire messages as the generated stubs, but chunks are read by a marshaller that takes the serialized bytes
/// the gRPC stack lends (<see cref="DeserializationContext.PayloadAsReadOnlySequence"/>: the client's message
/// buffer, or the segments of Kestrel's request pipe) and copies the data once into a pooled block
/// (<see cref="ReceivedChunk"/>). Senders use the generated stubs: a chunk goes out wrapping its pooled block.
/// </summary>
internal static class PartitionMethods
{
    private static readonly Marshaller<ReceivedChunk> Chunks = new(
        (_, _) => throw new NotSupportedException("a ReceivedChunk is only read; send a PartitionChunk"),
        context => ReceivedChunk.Parse(context.PayloadAsReadOnlySequence()));

    /// <summary>FetchPartition as a client calls it: the request as generated, the answers read as <see cref="ReceivedChunk"/>s.</summary>
    public static readonly Method<FetchPartitionRequest, ReceivedChunk> FetchPartition =
        new(MethodType.ServerStreaming, WorkerApi.ServiceName, "FetchPartition", Proto(FetchPartitionRequest.Parser), Chunks);

    /// <summary>PutPartition as a worker binds it: the requests read as <see cref="ReceivedChunk"/>s, the reply as generated.</summary>
    public static readonly Method<ReceivedChunk, PutPartitionReply> PutPartition =
        new(MethodType.ClientStreaming, WorkerApi.ServiceName, "PutPartition", Chunks, Proto(PutPartitionReply.Parser));

    /// <summary>A marshaller for a generated message, writing and reading the stack's buffers as the generated stubs do.</summary>
    private static Marshaller<T> Proto<T>(MessageParser<T> parser) where T : class, IMessage<T>, IBufferMessage => new(
        (message, context) =>
        {
            context.SetPayloadLength(message.CalculateSize());
            message.WriteTo(context.GetBufferWriter());
            context.Complete();
        },
        context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}
