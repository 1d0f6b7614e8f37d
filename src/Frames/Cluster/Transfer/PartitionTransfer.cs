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
public static class PartitionTransfer
{
    /// <summary>The largest chunk sent: 1 MiB streams faster than 4 MiB over this gRPC layer (`Frames.Bench rpc`), and any peer may send up to 4 MiB.</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>Writes the partition to <paramref name="output"/>; the first chunk carries <paramref name="name"/> when given (PutPartition).</summary>
    public static async Task WriteAsync(Schema schema, IReadOnlyList<RecordBatch> batches, IAsyncStreamWriter<PartitionChunk> output,
        PartitionRef? name, CancellationToken cancellationToken)
    {
        var pending = new MemoryStream();
        var first = true;
        using var writer = new ArrowStreamWriter(pending, schema, leaveOpen: true);
        foreach (var batch in batches)
        {
            writer.Write(batch);
            if (pending.Length >= ChunkBytes)
                await SendAsync(false).ConfigureAwait(false);
        }
        writer.Finish();
        await SendAsync(true).ConfigureAwait(false);

        // Sends whole chunks (and, at the end, the rest); keeps a partial chunk for the next batch.
        async Task SendAsync(bool all)
        {
            var buffer = pending.GetBuffer();
            var length = (int)pending.Length;
            var sent = 0;
            while (length - sent >= ChunkBytes || (all && sent < length))
            {
                var size = Math.Min(ChunkBytes, length - sent);
                var chunk = new PartitionChunk { Data = ByteString.CopyFrom(buffer, sent, size) };
                if (first && name is { } reference)
                    chunk.Partition = TaskSpecCodec.ToProto(reference);
                first = false;
                await output.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                sent += size;
            }
            var rest = length - sent;
            Buffer.BlockCopy(buffer, sent, buffer, 0, rest);
            pending.SetLength(rest);
        }
    }

    /// <summary>Reads a partition written by <see cref="WriteAsync"/>: the schema and its batches.</summary>
    public static async Task<(Schema Schema, List<RecordBatch> Batches)> ReadAsync(IAsyncStreamReader<PartitionChunk> input, CancellationToken cancellationToken)
    {
        var chunks = new List<ByteString>();
        while (await input.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            chunks.Add(input.Current.Data);
        return Decode(chunks, "partition");
    }

    /// <summary>The chunks of one partition (their first may name it), decoded.</summary>
    internal static (Schema Schema, List<RecordBatch> Batches) Decode(IReadOnlyList<ByteString> chunks, string source)
    {
        if (chunks.Count == 0)
            throw new ArrowFormatException("no data: the partition stream was empty", 0, source);
        using var reader = new ArrowStreamReader(new ChunkStream(chunks), source);
        return (reader.Schema, reader.ReadAll().ToList());
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

    /// <summary>A read-only stream over received chunks, without copying them into one buffer.</summary>
    private sealed class ChunkStream(IReadOnlyList<ByteString> chunks) : Stream
    {
        private int _chunk;
        private int _offset;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var copied = 0;
            while (copied < buffer.Length && _chunk < chunks.Count)
            {
                var source = chunks[_chunk].Span[_offset..];
                var n = Math.Min(source.Length, buffer.Length - copied);
                source[..n].CopyTo(buffer[copied..]);
                copied += n;
                _offset += n;
                if (_offset == chunks[_chunk].Length)
                {
                    _chunk++;
                    _offset = 0;
                }
            }
            return copied;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
