using System.Buffers;
using FramesNet.Memory;
using ProtoPartitionRef = FramesNet.Rpc.Protocol.PartitionRef;

namespace FramesNet.Cluster;

/// <summary>
/// A <c>PartitionChunk</c> as the partition data plane receives it (<see cref="PartitionMethods"/>): read
/// straight from the transport's buffer by <see cref="PartitionChunkWire"/>, its data copied once into a
/// pooled block — where Google.Protobuf would copy it into a new array per message, a large-object-heap
/// allocation for every 1 MiB chunk. The reader owns the block until it disposes the chunk.
/// </summary>
internal sealed class ReceivedChunk : IDisposable
{
    private BufferOwner? _block;

    private ReceivedChunk(BufferOwner? block, int length, ProtoPartitionRef? partition, long streamBytes)
    {
        _block = block;
        Length = length;
        Partition = partition;
        StreamBytes = streamBytes;
    }

    /// <summary>The partition the chunk names (the first chunk of a PutPartition); null when absent.</summary>
    public ProtoPartitionRef? Partition { get; }

    /// <summary>The whole stream's length as the first chunk announces it; 0 when absent.</summary>
    public long StreamBytes { get; }

    public int Length { get; }

    /// <summary>The chunk's bytes of the Arrow IPC stream; valid until the chunk is disposed.</summary>
    public ReadOnlySpan<byte> Data => _block is null ? [] : _block.Span[..Length];

    /// <summary>Parses a serialized <c>PartitionChunk</c>; its data is copied out, so <paramref name="message"/> may be reused afterwards.</summary>
    public static ReceivedChunk Parse(in ReadOnlySequence<byte> message)
    {
        var (data, partition, streamBytes) = PartitionChunkWire.Read(message);
        if (data.IsEmpty)
            return new ReceivedChunk(null, 0, partition, streamBytes);
        var block = BufferPool.Shared.Rent((int)data.Length);
        data.CopyTo(block.Span);
        return new ReceivedChunk(block, (int)data.Length, partition, streamBytes);
    }

    public void Dispose()
    {
        var block = Interlocked.Exchange(ref _block, null);
        block?.ReturnUnshared();
    }
}
