using System.Buffers;
using System.Threading.Channels;
using FramesNet.Cluster;
using FramesNet.Formats.Arrow;
using FramesNet.Rpc.Protocol;
using Grpc.Core;
using FramesNet.Worker.Execution;
using FramesNet.Worker.Store;
using Google.Protobuf;

namespace FramesNet.Worker.Services;

/// <summary>FetchPartition and PutPartition: the data plane, partitions as Arrow IPC stream chunks of at most 4 MiB (Frames sends <see cref="PartitionTransfer.ChunkBytes"/>).</summary>
internal sealed class PartitionHandlers(PartitionStore store, ShareFolder? share, WorkerIdentity identity)
{
    public async Task FetchAsync(FetchPartitionRequest request, IAsyncStreamWriter<PartitionChunk> responses, ServerCallContext context)
    {
        var key = Partition(request.Partition);
        using var lease = store.TryAcquire(key)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"partition {key} is not on worker {identity}"));
        try
        {
            FaultInjection.FailIfPoisoned(key);
            if (lease.SpillFile is { } file)
                await SendFileAsync(file, responses, context.CancellationToken);
            else
                await PartitionTransfer.WriteAsync(lease.Schema, lease.Batches, responses, null, context.CancellationToken);
        }
        catch (Exception e) when (Unexpected(e, context))
        {
            throw Failed("send", key, lease.SpillFile, e);
        }
    }

    /// <summary>
    /// Same-machine handoff: a spilled partition's own file, or the partition written into the share folder
    /// — named first, so the reader reads while it is written, then confirmed whole (the reader deletes that
    /// copy). Refused, so that the caller streams instead, across machines.
    /// </summary>
    public async Task ShareAsync(SharePartitionRequest request, IAsyncStreamWriter<SharePartitionReply> responses, ServerCallContext context)
    {
        if (share is null)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"worker {identity} has no share folder (--share-dir none): use FetchPartition"));
        if (MachineIdentity.Current is not { } machine || request.Machine != machine)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"worker {identity} is not on the caller's machine: use FetchPartition"));
        var key = Partition(request.Partition);
        using var lease = store.TryAcquire(key)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"partition {key} is not on worker {identity}"));
        long size;
        string path;
        FileStream file;
        try
        {
            FaultInjection.FailIfPoisoned(key);
            if (lease.SpillFile is { } spilled)
            {
                await responses.WriteAsync(new SharePartitionReply { Path = spilled, Bytes = new FileInfo(spilled).Length, Complete = true }, context.CancellationToken);
                return;
            }
            // Told to the reader up front, so it reads each batch body straight into a block of its size while the file is written.
            size = ArrowIpc.PartitionLength(lease.Schema, lease.Batches);
            if (!share.HasRoomFor(size, out var available))
                throw new RpcException(new Status(StatusCode.ResourceExhausted,
                    $"worker {identity}'s share folder has {available} bytes free, too few for {key} ({size} bytes) and its reserve: use FetchPartition"));
            (path, file) = share.Create();
        }
        catch (Exception e) when (Unexpected(e, context))
        {
            throw Failed("share", key, lease.SpillFile, e);
        }
        Task? writing = null;
        try
        {
            if (size <= PartitionTransfer.SmallPartitionBytes)
            {
                // Small (most shuffle buckets): written whole first, so the reader reads it at once, on its own thread.
                ShareFolder.Write(file, lease.Schema, lease.Batches, size);
                await responses.WriteAsync(new SharePartitionReply { Path = path, Bytes = size, DeleteAfterRead = true, Written = size, Complete = true },
                    context.CancellationToken);
                return;
            }
            await responses.WriteAsync(new SharePartitionReply { Path = path, Bytes = size, DeleteAfterRead = true }, context.CancellationToken);
            // Encoding is synchronous: on a thread of its own, while this one tells the reader how far it got.
            var progress = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var batches = lease.Batches;
            writing = Task.Run(() => ShareFolder.Write(file, lease.Schema, batches, size, progress.Writer));
            await foreach (var written in progress.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (progress.Reader.TryPeek(out _))
                    continue; // a later count is waiting: send that one
                await responses.WriteAsync(new SharePartitionReply { Written = written }, context.CancellationToken);
            }
            await writing;
            await responses.WriteAsync(new SharePartitionReply { Written = size, Complete = true }, context.CancellationToken);
        }
        catch (Exception e)
        {
            // The error status tells the reader the file will never be whole.
            if (writing is not null)
                await Task.WhenAny(writing);
            await file.DisposeAsync();
            SpillFolder.Delete(path);
            if (Unexpected(e, context))
                throw Failed("share", key, path, e);
            throw;
        }
    }

    /// <summary>Not a status this handler chose, nor the call ending: a failure the caller must hear about in full.</summary>
    private static bool Unexpected(Exception e, ServerCallContext context) =>
        e is not RpcException && !(e is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    /// <summary>What the caller is told when sending a partition failed: this worker, its host, the partition, the file and why.</summary>
    private RpcException Failed(string what, Physical.PartitionRef key, string? file, Exception e) =>
        new(new Status(StatusCode.Internal, $"worker {identity} could not {what} partition {key}{(file is null ? "" : $" (file {file})")}: {e.GetType().Name}: {e.Message}"));

    public async Task<PutPartitionReply> PutAsync(IAsyncStreamReader<ReceivedChunk> requests, ServerCallContext context)
    {
        var (partition, schema, batches) = await PartitionTransfer.ReadNamedAsync(requests, context.CancellationToken);
        if (partition is null)
        {
            foreach (var batch in batches)
                batch.Dispose();
            throw new RpcException(new Status(StatusCode.InvalidArgument, "PutPartition: the first chunk must name the partition"));
        }
        var (rows, bytes) = store.Put(Partition(partition), schema, batches);
        return new PutPartitionReply { Rows = rows, Bytes = bytes };
    }

    private static Physical.PartitionRef Partition(Rpc.Protocol.PartitionRef? partition)
    {
        if (partition is null || partition.Task.Length == 0)
            throw new RpcException(new Status(StatusCode.InvalidArgument, "name the partition: a task key and a bucket"));
        if (partition.Bucket < 0)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"partition {partition.Task}: bucket {partition.Bucket} is negative"));
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
