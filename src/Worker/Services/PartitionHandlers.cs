using System.Buffers;
using FramesNet.Cluster;
using FramesNet.Rpc;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Worker.Store;
using Google.Protobuf;

namespace FramesNet.Worker.Services;

/// <summary>FetchPartition and PutPartition: the data plane, partitions as Arrow IPC stream chunks of at most 4 MiB (Frames sends <see cref="PartitionTransfer.ChunkBytes"/>).</summary>
internal sealed class PartitionHandlers(PartitionStore store, WorkerIdentity identity)
{
    public async Task FetchAsync(FetchPartitionRequest request, IAsyncStreamWriter<PartitionChunk> responses, ServerCallContext context)
    {
        var key = Partition(request.Partition);
        using var lease = store.TryAcquire(key)
            ?? throw new RpcException(StatusCode.NotFound, $"partition {key} is not on worker {identity}");
        if (lease.SpillFile is { } file)
            await SendFileAsync(file, responses, context.CancellationToken);
        else
            await PartitionTransfer.WriteAsync(lease.Schema, lease.Batches, responses, null, context.CancellationToken);
    }

    public async Task<PutPartitionReply> PutAsync(IAsyncStreamReader<PartitionChunk> requests, ServerCallContext context)
    {
        var (partition, schema, batches) = await PartitionTransfer.ReadNamedAsync(requests, context.CancellationToken);
        if (partition is null)
        {
            foreach (var batch in batches)
                batch.Dispose();
            throw new RpcException(StatusCode.InvalidArgument, "PutPartition: the first chunk must name the partition");
        }
        var (rows, bytes) = store.Put(Partition(partition), schema, batches);
        return new PutPartitionReply { Rows = rows, Bytes = bytes };
    }

    private static Physical.PartitionRef Partition(Rpc.Protocol.PartitionRef? partition)
    {
        if (partition is null || partition.Task.Length == 0)
            throw new RpcException(StatusCode.InvalidArgument, "name the partition: a task key and a bucket");
        if (partition.Bucket < 0)
            throw new RpcException(StatusCode.InvalidArgument, $"partition {partition.Task}: bucket {partition.Bucket} is negative");
        return TaskSpecCodec.FromProto(partition);
    }

    /// <summary>A spilled partition is already an Arrow IPC stream on disk: its bytes go out as they are.</summary>
    private static async Task SendFileAsync(string file, IAsyncStreamWriter<PartitionChunk> responses, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        // Chunks of the size an in-memory partition goes out in.
        const int ChunkBytes = PartitionTransfer.ChunkBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (true)
            {
                var filled = 0;
                while (filled < ChunkBytes)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(filled, ChunkBytes - filled), cancellationToken);
                    if (read == 0)
                        break;
                    filled += read;
                }
                if (filled == 0)
                    return;
                // The write completes (serialized and flushed) before the buffer is reused.
                await responses.WriteAsync(new PartitionChunk { Data = UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, filled)) }, cancellationToken);
                if (filled < ChunkBytes)
                    return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
