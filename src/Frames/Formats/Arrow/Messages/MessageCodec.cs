using FramesNet.Formats.Arrow.Flatbuffers;

namespace FramesNet.Formats.Arrow.Messages;

/// <summary>The envelope every IPC message's metadata is: <c>table Message</c> of Message.fbs.</summary>
internal static class MessageCodec
{
    private const int VersionSlot = 0, HeaderTypeSlot = 1, HeaderSlot = 2, BodyLengthSlot = 3;

    public static ReadOnlySpan<byte> Encode(FlatBufferBuilder builder, MessageKind kind, int header, long bodyLength)
    {
        builder.StartTable(5);
        builder.AddInt64(BodyLengthSlot, bodyLength);
        builder.AddOffset(HeaderSlot, header);
        builder.AddInt16(VersionSlot, MetadataVersion.V5);
        builder.AddByte(HeaderTypeSlot, (byte)kind);
        return builder.Finish(builder.EndTable());
    }

    /// <summary>Reads the envelope; the header table is decoded by the codec of its kind.</summary>
    public static Envelope Decode(FlatBufferReader reader)
    {
        var message = reader.Root("Message");
        var version = message.GetInt16(VersionSlot);
        if (version is not (MetadataVersion.V4 or MetadataVersion.V5))
            throw message.Error($"metadata version V{version + 1} is not supported (Frames reads V4 and V5)");
        var kind = (MessageKind)message.GetByte(HeaderTypeSlot);
        if (kind is not (MessageKind.Schema or MessageKind.DictionaryBatch or MessageKind.RecordBatch))
        {
            var name = kind is MessageKind.Tensor or MessageKind.SparseTensor ? kind.ToString() : $"type {(byte)kind}";
            throw message.Error($"message header {name} is not supported (expected Schema, DictionaryBatch or RecordBatch)");
        }
        var header = message.GetTable(HeaderSlot, kind.ToString()) ?? throw message.Error($"{kind} message has no header");
        var bodyLength = message.GetInt64(BodyLengthSlot);
        if (bodyLength < 0)
            throw message.Error($"negative body length {bodyLength}");
        return new Envelope(kind, header, bodyLength);
    }

    internal readonly record struct Envelope(MessageKind Kind, FlatTable Header, long BodyLength);
}
