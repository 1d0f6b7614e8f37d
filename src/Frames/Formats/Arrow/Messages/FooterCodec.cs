using FramesNet.Formats.Arrow.Flatbuffers;

namespace FramesNet.Formats.Arrow.Messages;

/// <summary>One <c>Block</c> of File.fbs: where a message (prefix and metadata, then body) lies in the file.</summary>
internal readonly record struct FileBlock(long Offset, int MetadataLength, long BodyLength);

/// <summary>The footer of the file format: schema and the blocks of the dictionary and record batches.</summary>
internal sealed record Footer(IpcSchema Schema, FileBlock[] Dictionaries, FileBlock[] RecordBatches)
{
    /// <summary>Input offsets of the block vectors' first elements, for error messages (set when decoded).</summary>
    internal long DictionariesOffset { get; init; }
    internal long RecordBatchesOffset { get; init; }
}

/// <summary><c>table Footer</c> of File.fbs.</summary>
internal static class FooterCodec
{
    private const int VersionSlot = 0, SchemaSlot = 1, DictionariesSlot = 2, RecordBatchesSlot = 3;
    private const int BlockSize = 24;

    public static ReadOnlySpan<byte> Encode(FlatBufferBuilder builder, Footer footer)
    {
        var schema = SchemaCodec.Encode(builder, footer.Schema);
        var dictionaries = EncodeBlocks(builder, footer.Dictionaries);
        var recordBatches = EncodeBlocks(builder, footer.RecordBatches);
        builder.StartTable(5);
        builder.AddOffset(SchemaSlot, schema);
        builder.AddOffset(DictionariesSlot, dictionaries);
        builder.AddOffset(RecordBatchesSlot, recordBatches);
        builder.AddInt16(VersionSlot, MetadataVersion.V5);
        return builder.Finish(builder.EndTable());
    }

    private static int EncodeBlocks(FlatBufferBuilder builder, FileBlock[] blocks)
    {
        builder.StartVector(BlockSize, blocks.Length, 8);
        for (var i = blocks.Length - 1; i >= 0; i--)
        {
            builder.PutInt64(blocks[i].BodyLength);
            builder.PutInt32(0); // padding: the struct is 8-byte aligned
            builder.PutInt32(blocks[i].MetadataLength);
            builder.PutInt64(blocks[i].Offset);
        }
        return builder.EndVector(blocks.Length);
    }

    public static Footer Decode(FlatBufferReader reader)
    {
        var footer = reader.Root("Footer");
        var version = footer.GetInt16(VersionSlot);
        if (version is not (MetadataVersion.V4 or MetadataVersion.V5))
            throw footer.Error($"metadata version V{version + 1} is not supported (Frames reads V4 and V5)");
        var schema = footer.GetTable(SchemaSlot, "schema") ?? throw footer.Error("the footer has no schema");
        var dictionaries = footer.GetVector(DictionariesSlot, BlockSize, "dictionaries");
        var recordBatches = footer.GetVector(RecordBatchesSlot, BlockSize, "recordBatches");
        return new Footer(SchemaCodec.Decode(schema), DecodeBlocks(dictionaries), DecodeBlocks(recordBatches))
        {
            DictionariesOffset = dictionaries.InputOffsetOf(0),
            RecordBatchesOffset = recordBatches.InputOffsetOf(0),
        };
    }

    private static FileBlock[] DecodeBlocks(FlatVector vector)
    {
        var blocks = new FileBlock[vector.Count];
        for (var i = 0; i < blocks.Length; i++)
            blocks[i] = new FileBlock(vector.Int64At(i, 0), vector.Int32At(i, 8), vector.Int64At(i, 16));
        return blocks;
    }
}
