using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Rpc;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using Google.Protobuf;
using Microsoft.Win32.SafeHandles;
using PartitionRef = FramesNet.Physical.PartitionRef;
using Schema = FramesNet.Columns.Schema;

namespace FramesNet.Cluster;

/// <summary>
/// Moves a partition between processes: its batches as one Arrow IPC stream, cut into
/// <see cref="PartitionChunk"/> messages of at most <see cref="ChunkBytes"/>.
/// </summary>
public static class PartitionTransfer
{
    /// <summary>The largest chunk sent: 1 MiB streams faster than 4 MiB over this gRPC layer (`Frames.Bench rpc`), and any peer may send up to 4 MiB.</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>Writes the partition to <paramref name="output"/>; the first chunk carries <paramref name="name"/> when given (PutPartition).</summary>
    public static async Task WriteAsync(Schema schema, IReadOnlyList<RecordBatch> batches, IAsyncStreamWriter<PartitionChunk> output,
        PartitionRef? name, CancellationToken cancellationToken)
    {
        using var pending = new ChunkedOutput(ChunkBytes);
        var first = true;
        using (var writer = new ArrowStreamWriter(pending, schema, leaveOpen: true))
        {
            foreach (var batch in batches)
            {
                writer.Write(batch);
                while (pending.TryTakeFull(out var chunk, out var bytes))
                    await SendAsync(chunk, bytes).ConfigureAwait(false);
            }
            writer.Finish();
        }
        while (pending.TryTakeFull(out var chunk, out var bytes))
            await SendAsync(chunk, bytes).ConfigureAwait(false);
        if (pending.TryTakeRest(out var last, out var rest))
            await SendAsync(last, rest).ConfigureAwait(false);

        // The message wraps the pooled block; a write returns once the message is serialized, so the block can go back then.
        async Task SendAsync(Memory.BufferOwner chunk, ReadOnlyMemory<byte> bytes)
        {
            try
            {
                var message = new PartitionChunk { Data = UnsafeByteOperations.UnsafeWrap(bytes) };
                if (first && name is { } reference)
                    message.Partition = TaskSpecCodec.ToProto(reference);
                first = false;
                await output.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ChunkedOutput.Return(chunk);
            }
        }
    }

    /// <summary>Reads a partition written by <see cref="WriteAsync"/>: the schema and its batches.</summary>
    public static async Task<(Schema Schema, List<RecordBatch> Batches)> ReadAsync(IAsyncStreamReader<PartitionChunk> input, CancellationToken cancellationToken)
    {
        var (_, schema, batches) = await ReadNamedAsync(input, cancellationToken).ConfigureAwait(false);
        return (schema, batches);
    }

    /// <summary>
    /// Reads a partition written by <see cref="WriteAsync"/>, with the name its first chunk carries (PutPartition).
    /// Chunk bytes go straight from the transport's buffers into pooled blocks when the stream lends them
    /// (<see cref="IRawMessageReader"/>), and are decoded once the stream ends.
    /// </summary>
    public static async Task<(Rpc.Protocol.PartitionRef? Name, Schema Schema, List<RecordBatch> Batches)> ReadNamedAsync(
        IAsyncStreamReader<PartitionChunk> input, CancellationToken cancellationToken)
    {
        using var received = new ReceivedBytes();
        Rpc.Protocol.PartitionRef? name = null;
        var chunks = 0;
        if (input is IRawMessageReader raw)
        {
            while (await raw.MoveNextRawAsync(cancellationToken).ConfigureAwait(false))
            {
                var (data, partition) = PartitionChunkWire.Read(raw.CurrentRaw);
                if (chunks++ == 0)
                    name = partition;
                received.Append(data);
            }
        }
        else
        {
            while (await input.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (chunks++ == 0)
                    name = input.Current.Partition;
                received.Append(input.Current.Data.Span);
            }
        }
        var (schema, batches) = Decode(received, "partition");
        return (name, schema, batches);
    }

    /// <summary>The bytes of one partition's Arrow IPC stream, decoded.</summary>
    internal static (Schema Schema, List<RecordBatch> Batches) Decode(ReceivedBytes bytes, string source)
    {
        if (bytes.Length == 0)
            throw new ArrowFormatException("no data: the partition stream was empty", 0, source);
        return Decode(bytes.OpenRead(), source);
    }

    /// <summary>
    /// Fetches a stored partition from a worker on this machine through its share folder (SharePartition):
    /// the worker writes the partition as an Arrow IPC stream file on a tmpfs while this process reads it,
    /// with no network stack in between. Null when that cannot work — the worker is on another machine, has
    /// no share folder, or wrote the file where this process cannot see it (another container) — and the
    /// caller streams it with <see cref="FetchAsync"/> instead.
    /// </summary>
    public static async Task<(Schema Schema, List<RecordBatch> Batches)?> TryFetchSharedAsync(RpcChannel channel, PartitionRef partition,
        CancellationToken cancellationToken)
    {
        if (MachineIdentity.Current is not { } machine)
            return null;
        using var call = channel.ServerStreaming(WorkerApi.SharePartition,
            new SharePartitionRequest { Partition = TaskSpecCodec.ToProto(partition), Machine = machine },
            new CallOptions(CancellationToken: cancellationToken));
        SharePartitionReply first;
        try
        {
            if (!await call.ResponseStream.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                throw new RpcException(StatusCode.Internal, $"SharePartition of {partition} ended without naming a file");
            first = call.ResponseStream.Current;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.Unimplemented)
        {
            return null;
        }
        try
        {
            SafeFileHandle file;
            try
            {
                file = File.OpenHandle(first.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                return null;
            }
            var progress = new WriteProgress();
            Task following;
            if (first.Complete)
            {
                progress.Advance(first.Bytes);
                following = Task.CompletedTask;
            }
            else
            {
                following = FollowAsync(call.ResponseStream, progress, cancellationToken);
            }
            using var stream = new GrowingFileStream(file, first.Bytes, progress, first.Path, cancellationToken);
            (Schema, List<RecordBatch>) read;
            try
            {
                // A file still being written makes the reader block until it grows: on a thread of its own, never
                // on the thread pool, whose threads deliver the progress (blocked pool threads starve the pool).
                read = first.Complete
                    ? Decode(stream, first.Path)
                    : await Task.Factory.StartNew(() => Decode(stream, first.Path), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                        .ConfigureAwait(false);
            }
            catch
            {
                // The reason is in the reader's exception already.
                _ = following.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw;
            }
            await following.ConfigureAwait(false);
            return read;
        }
        finally
        {
            if (first.DeleteAfterRead)
                HandBack(first.Path);
        }

        // Passes the owner's progress to the reader; a failed or broken call (the owner died) fails the read.
        static async Task FollowAsync(IAsyncStreamReader<SharePartitionReply> replies, WriteProgress progress, CancellationToken cancellationToken)
        {
            try
            {
                while (await replies.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                {
                    progress.Advance(replies.Current.Written);
                    if (replies.Current.Complete)
                        return;
                }
                throw new IOException("the owner ended SharePartition without saying the file is whole");
            }
            catch (Exception e)
            {
                progress.Fail(e);
                throw;
            }
        }
    }

    /// <summary>Reads a partition stored as one Arrow IPC stream file (a spill file, or a shared one).</summary>
    public static (Schema Schema, List<RecordBatch> Batches) ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, FileOptions.SequentialScan);
        return Decode(stream, path);
    }

    /// <summary>Every record batch of an Arrow IPC stream, and its schema.</summary>
    private static (Schema Schema, List<RecordBatch> Batches) Decode(Stream stream, string source)
    {
        using var reader = new ArrowStreamReader(stream, source);
        var batches = new List<RecordBatch>();
        try
        {
            while (reader.ReadNext() is { } batch)
                batches.Add(batch);
        }
        catch
        {
            batches.ForEach(b => b.Dispose());
            throw;
        }
        return (reader.Schema, batches);
    }

    /// <summary>What a reader appends to a shared file's name to hand it back to its owner for reuse.</summary>
    public const string RecycledSuffix = ".free";

    /// <summary>
    /// Gives a read shared file back to its owner, who overwrites it next (its tmpfs pages are allocated
    /// already) or deletes it when idle. Deleted here if the rename fails.
    /// </summary>
    private static void HandBack(string path)
    {
        try
        {
            // Touched first: the owner's sweep measures idleness from the last write.
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            File.Move(path, Path.ChangeExtension(path, null) + RecycledSuffix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // The owner sweeps what its readers leave behind.
            }
        }
    }

    /// <summary>Fetches a stored partition from the worker behind <paramref name="channel"/>.</summary>
    public static async Task<(Schema Schema, List<RecordBatch> Batches)> FetchAsync(RpcChannel channel, PartitionRef partition, CancellationToken cancellationToken)
    {
        using var call = channel.ServerStreaming(WorkerApi.FetchPartition, new FetchPartitionRequest { Partition = TaskSpecCodec.ToProto(partition) },
            new CallOptions(CancellationToken: cancellationToken));
        return await ReadAsync(call.ResponseStream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a partition on the worker behind <paramref name="channel"/>.</summary>
    public static async Task<PutPartitionReply> PutAsync(RpcChannel channel, PartitionRef partition, Schema schema, IReadOnlyList<RecordBatch> batches,
        CancellationToken cancellationToken)
    {
        using var call = channel.ClientStreaming(WorkerApi.PutPartition, new CallOptions(CancellationToken: cancellationToken));
        await WriteAsync(schema, batches, call.RequestStream, partition, cancellationToken).ConfigureAwait(false);
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        return await call.ResponseAsync.ConfigureAwait(false);
    }
}
