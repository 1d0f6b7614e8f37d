using FramesNet.Formats.Arrow.Flatbuffers;

namespace FramesNet.Formats.Arrow.Messages;

/// <summary>One <c>FieldNode</c> of Message.fbs: a column's length and null count.</summary>
internal readonly record struct FieldNode(long Length, long NullCount);

/// <summary>One <c>Buffer</c> of Schema.fbs: where a buffer lies inside the message body.</summary>
internal readonly record struct BodyRegion(long Offset, long Length);

/// <summary>The metadata of a record batch (also the payload of a dictionary batch).</summary>
internal sealed class RecordBatchHeader
{
    public RecordBatchHeader(long length, FieldNode[] nodes, BodyRegion[] buffers)
    {
        Length = length;
        Nodes = nodes;
        Buffers = buffers;
    }

    public long Length { get; }
    public FieldNode[] Nodes { get; }
    public BodyRegion[] Buffers { get; }

    /// <summary>Input offsets of the flatbuffer elements, for error messages (set when decoded).</summary>
    internal long TableOffset { get; init; }
    internal long NodesOffset { get; init; }
    internal long BuffersOffset { get; init; }
}

/// <summary><c>table RecordBatch</c> of Message.fbs (uncompressed bodies only).</summary>
internal static class RecordBatchCodec
{
    private const int LengthSlot = 0, NodesSlot = 1, BuffersSlot = 2, CompressionSlot = 3;
    private const int StructSize = 16;

    public static int Encode(FlatBufferBuilder builder, RecordBatchHeader header)
    {
        builder.StartVector(StructSize, header.Buffers.Length, 8);
        for (var i = header.Buffers.Length - 1; i >= 0; i--)
        {
            builder.PutInt64(header.Buffers[i].Length);
            builder.PutInt64(header.Buffers[i].Offset);
        }
        var buffers = builder.EndVector(header.Buffers.Length);
        builder.StartVector(StructSize, header.Nodes.Length, 8);
        for (var i = header.Nodes.Length - 1; i >= 0; i--)
        {
            builder.PutInt64(header.Nodes[i].NullCount);
            builder.PutInt64(header.Nodes[i].Length);
        }
        var nodes = builder.EndVector(header.Nodes.Length);
        builder.StartTable(5);
        builder.AddInt64(LengthSlot, header.Length);
        builder.AddOffset(NodesSlot, nodes);
        builder.AddOffset(BuffersSlot, buffers);
        return builder.EndTable();
    }

    public static RecordBatchHeader Decode(FlatTable table)
    {
        if (table.Has(CompressionSlot))
            throw table.Error("compressed bodies are not supported");
        var length = table.GetInt64(LengthSlot);
        if (length < 0)
            throw table.Error($"negative length {length}");
        var nodeVector = table.GetVector(NodesSlot, StructSize, "nodes");
        var nodes = new FieldNode[nodeVector.Count];
        for (var i = 0; i < nodes.Length; i++)
            nodes[i] = new FieldNode(nodeVector.Int64At(i, 0), nodeVector.Int64At(i, 8));
        var bufferVector = table.GetVector(BuffersSlot, StructSize, "buffers");
        var buffers = new BodyRegion[bufferVector.Count];
        for (var i = 0; i < buffers.Length; i++)
            buffers[i] = new BodyRegion(bufferVector.Int64At(i, 0), bufferVector.Int64At(i, 8));
        return new RecordBatchHeader(length, nodes, buffers)
        {
            TableOffset = table.Reader.BaseOffset + table.Position,
            NodesOffset = nodeVector.InputOffsetOf(0),
            BuffersOffset = bufferVector.InputOffsetOf(0),
        };
    }
}
