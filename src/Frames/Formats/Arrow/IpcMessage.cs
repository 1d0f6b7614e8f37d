using FramesNet.Formats.Arrow.Flatbuffers;
using FramesNet.Memory;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// One encapsulated message as read: its decoded envelope, where it was, and its body in one pooled block
/// (null for an empty body). The column buffers built from it are windows into that block.
/// </summary>
internal sealed class IpcMessage
{
    public IpcMessage(Messages.MessageKind kind, FlatTable header, long offset, long bodyOffset, long bodyLength, BufferOwner? body)
    {
        Kind = kind;
        Header = header;
        Offset = offset;
        BodyOffset = bodyOffset;
        BodyLength = bodyLength;
        Body = body;
    }

    public Messages.MessageKind Kind { get; }

    public FlatTable Header { get; }

    /// <summary>Input offset of the message's first byte (its continuation marker).</summary>
    public long Offset { get; }

    public long BodyOffset { get; }

    public long BodyLength { get; }

    public BufferOwner? Body { get; }
}
