using System.Buffers.Binary;
using FramesNet.Formats.Arrow.Flatbuffers;
using FramesNet.Formats.Arrow.Messages;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Writes encapsulated IPC messages: 0xFFFFFFFF, the metadata length, the <c>Message</c> flatbuffer padded
/// so the body starts 8-byte aligned, then the body. Counts the bytes it writes so the file format can
/// record where each message went.
/// </summary>
internal sealed class MessageWriter
{
    private readonly Stream _stream;
    private static readonly byte[] Padding = new byte[8];
    private readonly byte[] _prefix = new byte[8];

    public MessageWriter(Stream stream) => _stream = stream;

    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    public FileBlock Write(MessageKind kind, Func<FlatBufferBuilder, int> encodeHeader, BodyPlan? body)
    {
        var start = Position;
        var builder = new FlatBufferBuilder();
        var bodyLength = body?.Length ?? 0;
        var metadata = MessageCodec.Encode(builder, kind, encodeHeader(builder), bodyLength);
        var padded = (metadata.Length + 7) & ~7;
        BinaryPrimitives.WriteInt32LittleEndian(_prefix, -1);
        BinaryPrimitives.WriteInt32LittleEndian(_prefix.AsSpan(4), padded);
        _stream.Write(_prefix);
        _stream.Write(metadata);
        _stream.Write(Padding.AsSpan(0, padded - metadata.Length));
        body?.WriteTo(_stream);
        Position += 8 + padded + bodyLength;
        return new FileBlock(start, 8 + padded, bodyLength);
    }

    public void WriteEndOfStream()
    {
        BinaryPrimitives.WriteInt32LittleEndian(_prefix, -1);
        BinaryPrimitives.WriteInt32LittleEndian(_prefix.AsSpan(4), 0);
        WriteBytes(_prefix);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        Position += bytes.Length;
    }
}
