using System.Buffers;
using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Rpc.Protocol;
using Google.Protobuf;
using Grpc.Core;
using PartitionRef = FramesNet.Physical.PartitionRef;
using Schema = FramesNet.Columns.Schema;

namespace FramesNet.Cluster;

/// <summary>
/// Moves a partition between processes: its batches as one Arrow IPC stream, cut into
/// <see cref="PartitionChunk"/> messages of at most <see cref="ChunkBytes"/>.
/// </summary>
public static partial class PartitionTransfer
{
    /// <summary>The largest chunk sent: 1 MiB streams faster than 4 MiB (`Frames.Bench rpc`), and any peer may send up to 4 MiB.</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Partitions up to this many bytes (most shuffle buckets) move whole: a shared file is written before
    /// its reader hears of it, a stream is decoded once it is in, on the receiving thread. Bigger ones are
    /// read while they are written or arrive, on a thread of their own.
    /// </summary>
    public const long SmallPartitionBytes = 4 << 20;

    /// <summary>
    /// Writes the partition to <paramref name="output"/>; the first chunk carries the stream's length (so the
    /// reader decodes while chunks arrive) and <paramref name="name"/> when given (PutPartition).
    /// </summary>
    public static async Task WriteAsync(Schema schema, IReadOnlyList<RecordBatch> batches, IAsyncStreamWriter<PartitionChunk> output,
        PartitionRef? name, CancellationToken cancellationToken)
    {
        // Each field stored as the first batch stores it (as spill and share files do, see ArrowIpc.WritePartition).
        var stored = ColumnEncoding.FromFirstBatch(schema, batches);
        var length = ArrowIpc.StreamLength(stored, batches);
        using var pending = new ChunkedOutput(ChunkBytes);
        var first = true;
        using (var writer = new ArrowStreamWriter(pending, stored, leaveOpen: true))
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
                if (first)
                {
                    message.StreamBytes = length;
                    if (name is { } reference)
                        message.Partition = TaskSpecCodec.ToProto(reference);
                }
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
    internal static async Task<(Schema Schema, List<RecordBatch> Batches)> ReadAsync(IAsyncStreamReader<ReceivedChunk> input, CancellationToken cancellationToken)
    {
        var (_, schema, batches) = await ReadNamedAsync(input, cancellationToken).ConfigureAwait(false);
        return (schema, batches);
    }

    /// <summary>
    /// Reads a partition written by <see cref="WriteAsync"/>, with the name its first chunk carries (PutPartition).
    /// Chunks come as <see cref="ReceivedChunk"/>s (<see cref="PartitionMethods"/>: read from the transport's
    /// buffers into pooled blocks). When the first chunk announces the stream's length they are decoded while
    /// they arrive (<see cref="ArrivingBytes"/>), else once the stream has ended.
    /// </summary>
    internal static async Task<(Rpc.Protocol.PartitionRef? Name, Schema Schema, List<RecordBatch> Batches)> ReadNamedAsync(
        IAsyncStreamReader<ReceivedChunk> input, CancellationToken cancellationToken)
    {
        if (await NextChunkAsync(input, cancellationToken).ConfigureAwait(false) is not { } first)
            throw new ArrowFormatException("no data: the partition stream was empty", 0, "partition");
        using var firstChunk = first;
        if (first.StreamBytes < 0)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"a partition stream cannot be {first.StreamBytes} bytes long"));
        if (first.StreamBytes > SmallPartitionBytes)
        {
            var (schema, batches) = await ReadArrivingAsync(first, input, cancellationToken).ConfigureAwait(false);
            return (first.Partition, schema, batches);
        }
        using var received = new ReceivedBytes();
        received.Append(first.Data);
        while (await NextChunkAsync(input, cancellationToken).ConfigureAwait(false) is { } chunk)
        {
            using (chunk)
                received.Append(chunk.Data);
        }
        if (first.StreamBytes > 0 && received.Length != first.StreamBytes)
            throw new IOException($"partition: the sender announced {first.StreamBytes} bytes and sent {received.Length}");
        var (all, decoded) = Decode(received, "partition");
        return (first.Partition, all, decoded);
    }

    /// <summary>Decodes on a thread of its own while this one appends the chunks as they come.</summary>
    private static async Task<(Schema Schema, List<RecordBatch> Batches)> ReadArrivingAsync(ReceivedChunk first, IAsyncStreamReader<ReceivedChunk> input,
        CancellationToken cancellationToken)
    {
        using var arriving = new ArrivingBytes(first.StreamBytes, "partition");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The decoder's reads block until their bytes are in, and the bytes come on pool threads: never block one
        // of those. A decoder that fails (bad data) stops the receiving too.
        var decoding = Task.Factory.StartNew(() =>
        {
            try
            {
                return ArrowIpc.ReadStream(arriving.OpenRead(stop.Token), "partition");
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            arriving.Append(first.Data);
            while (await NextChunkAsync(input, stop.Token).ConfigureAwait(false) is { } chunk)
            {
                using (chunk)
                    arriving.Append(chunk.Data);
            }
            arriving.Complete();
        }
        catch (Exception e)
        {
            arriving.Fail(e);
            var stoppedByDecoder = e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
                && stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            try
            {
                (await decoding.ConfigureAwait(false)).Batches.ForEach(b => b.Dispose());
            }
            catch (Exception) when (stoppedByDecoder)
            {
                // The decoder failed first (bad data) and stopped the receiving: its reason is the one to report.
                throw;
            }
            catch (Exception)
            {
                // The receiving failed, which failed the decoder: the receiving's reason is the one to report.
            }
            throw;
        }
        return await decoding.ConfigureAwait(false);
    }


    /// <summary>The next chunk, owned by the caller; null at the end.</summary>
    private static async ValueTask<ReceivedChunk?> NextChunkAsync(IAsyncStreamReader<ReceivedChunk> input, CancellationToken cancellationToken) =>
        await input.MoveNext(cancellationToken).ConfigureAwait(false) ? input.Current : null;

    /// <summary>The bytes of one partition's Arrow IPC stream, decoded.</summary>
    internal static (Schema Schema, List<RecordBatch> Batches) Decode(ReceivedBytes bytes, string source)
    {
        if (bytes.Length == 0)
            throw new ArrowFormatException("no data: the partition stream was empty", 0, source);
        return ArrowIpc.ReadStream(bytes.OpenRead(), source);
    }

    /// <summary>Fetches a stored partition from the worker behind <paramref name="channel"/>.</summary>
    public static async Task<(Schema Schema, List<RecordBatch> Batches)> FetchAsync(ChannelBase channel, PartitionRef partition, CancellationToken cancellationToken)
    {
        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(PartitionMethods.FetchPartition, null,
            new CallOptions(cancellationToken: cancellationToken), new FetchPartitionRequest { Partition = TaskSpecCodec.ToProto(partition) });
        return await ReadAsync(call.ResponseStream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a partition on the worker behind <paramref name="channel"/>.</summary>
    public static async Task<PutPartitionReply> PutAsync(ChannelBase channel, PartitionRef partition, Schema schema, IReadOnlyList<RecordBatch> batches,
        CancellationToken cancellationToken)
    {
        using var call = WorkerApi.Client(channel).PutPartition(cancellationToken: cancellationToken);
        try
        {
            await WriteAsync(schema, batches, call.RequestStream, partition, cancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && !cancellationToken.IsCancellationRequested)
        {
            // The worker ended the call first (refused it, failed): a write that lost that race says CANCELLED
            // without a detail (Grpc.Net.Client); the answer holds what the worker said.
            await call.ResponseAsync.ConfigureAwait(false);
            throw;
        }
        return await call.ResponseAsync.ConfigureAwait(false);
    }
}
