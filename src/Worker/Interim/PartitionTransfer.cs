// INTERIM: stands in for the library's FramesNet.Cluster.PartitionTransfer until it lands in main; deleted then.
using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Rpc;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using Google.Protobuf;

namespace FramesNet.Cluster;

internal static class PartitionTransfer
{
    private const int ChunkBytes = 4 << 20;

    public static async Task WriteAsync(Columns.Schema schema, IReadOnlyList<RecordBatch> batches, IAsyncStreamWriter<PartitionChunk> output, Physical.PartitionRef? name, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        using (var writer = new ArrowStreamWriter(buffer, schema, leaveOpen: true))
        {
            foreach (var batch in batches)
                writer.Write(batch);
            writer.Finish();
        }
        var bytes = buffer.GetBuffer();
        var length = (int)buffer.Length;
        for (var offset = 0; offset < length || offset == 0; offset += ChunkBytes)
        {
            var chunk = new PartitionChunk { Data = ByteString.CopyFrom(bytes, offset, Math.Min(ChunkBytes, length - offset)) };
            if (offset == 0 && name is not null)
                chunk.Partition = TaskSpecCodec.ToProto(name.Value);
            await output.WriteAsync(chunk, ct);
            if (length == 0)
                break;
        }
    }

    public static async Task<(Columns.Schema Schema, List<RecordBatch> Batches)> ReadAsync(IAsyncStreamReader<PartitionChunk> input, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        while (await input.MoveNextAsync(ct))
            input.Current.Data.WriteTo(buffer);
        buffer.Position = 0;
        using var reader = new ArrowStreamReader(buffer);
        return (reader.Schema, reader.ReadAll().ToList());
    }

    public static async Task<(Columns.Schema Schema, List<RecordBatch> Batches)> FetchAsync(RpcChannel channel, Physical.PartitionRef partition, CancellationToken ct)
    {
        using var call = channel.ServerStreaming(WorkerApi.FetchPartition, new FetchPartitionRequest { Partition = TaskSpecCodec.ToProto(partition) }, new CallOptions(CancellationToken: ct));
        return await ReadAsync(call.ResponseStream, ct);
    }

    public static async Task<PutPartitionReply> PutAsync(RpcChannel channel, Physical.PartitionRef partition, Columns.Schema schema, IReadOnlyList<RecordBatch> batches, CancellationToken ct)
    {
        using var call = channel.ClientStreaming(WorkerApi.PutPartition, new CallOptions(CancellationToken: ct));
        await WriteAsync(schema, batches, call.RequestStream, partition, ct);
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }
}
