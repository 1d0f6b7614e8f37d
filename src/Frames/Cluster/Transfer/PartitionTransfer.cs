using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Rpc;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using Google.Protobuf;
using PartitionRef = FramesNet.Physical.PartitionRef;
using Schema = FramesNet.Columns.Schema;

namespace FramesNet.Cluster;

/// <summary>
/// Moves a partition between processes: its batches as one Arrow IPC stream, cut into
/// <see cref="PartitionChunk"/> messages of at most <see cref="ChunkBytes"/>.
/// </summary>
public static partial class PartitionTransfer
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
        return ArrowIpc.ReadStream(bytes.OpenRead(), source);
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
