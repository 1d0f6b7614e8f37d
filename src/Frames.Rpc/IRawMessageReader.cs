using System.Buffers;

namespace FramesNet.Rpc;

/// <summary>
/// A message stream that can lend each message's serialized bytes instead of parsing them. Bulk data
/// (partition chunks) uses it: parsing would copy every <c>bytes</c> field into a fresh array, which for
/// megabyte messages means a large-object-heap allocation per message.
/// </summary>
public interface IRawMessageReader
{
    /// <summary>
    /// Reads the next message's protobuf bytes (decompressed when it came compressed) into
    /// <see cref="CurrentRaw"/>; false at the end of the stream. On the client a non-OK status at the
    /// end is thrown as <see cref="RpcException"/>.
    /// </summary>
    ValueTask<bool> MoveNextRawAsync(CancellationToken cancellationToken = default);

    /// <summary>The last message's bytes: valid only until the next read, or until the call ends.</summary>
    ReadOnlySequence<byte> CurrentRaw { get; }
}
