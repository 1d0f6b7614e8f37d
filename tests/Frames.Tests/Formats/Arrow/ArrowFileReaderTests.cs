using System.Buffers.Binary;
using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Formats.Arrow.Flatbuffers;
using FramesNet.Formats.Arrow.Messages;
using FramesNet.Tests.Formats.Arrow.Support;

namespace FramesNet.Tests.Formats.Arrow;

public class ArrowFileReaderTests
{
    private static byte[] GoldenBytes(string file) => File.ReadAllBytes(Path.Combine(Golden.Folder, file));

    [Fact]
    public void The_schema_comes_from_the_footer_and_batches_read_in_any_order()
    {
        var bytes = GoldenBytes("multi_batch.file.arrow");
        Assert.DoesNotContain(IpcLayout.Scan(bytes), r => r.Kind == RegionKind.Prefix && r.Start == 8 && IsSchemaAt(bytes, r.Start));

        using var reader = new ArrowFileReader(new MemoryStream(bytes));

        Assert.Equal(["k", "s", "d"], reader.Schema.Fields.Select(f => f.Name));
        Assert.Equal(4, reader.BatchCount);
        Assert.Equal(1, reader.ReadBatch(3).Length);
        Assert.Equal(3, reader.ReadBatch(0).Length);
        Assert.Equal("ffff", ((BinaryColumn)reader.ReadBatch(2).Column("s")).GetString(4));
    }

    [Fact]
    public void Deltas_in_a_file_give_every_batch_the_whole_dictionary()
    {
        using var reader = new ArrowFileReader(new MemoryStream(GoldenBytes("multi_batch.delta.file.arrow")));

        Assert.All(reader.ReadAll(), b => Assert.Equal(4, b.Column("d").DictionaryValues!.Length));
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ArrowFileReader(new TrickleStream(GoldenBytes("primitives.file.arrow"))));

        Assert.Contains("seekable", error.Message);
    }

    [Fact]
    public void A_stream_is_not_a_file()
    {
        var error = Assert.Throws<ArrowFormatException>(() => new ArrowFileReader(new MemoryStream(GoldenBytes("primitives.stream.arrow")), "p.arrows"));

        Assert.StartsWith("p.arrows: at byte 0: not an Arrow IPC file (it does not start with ARROW1): it starts with ff ff ff ff", error.Message);
        Assert.EndsWith(", which looks like the Arrow IPC stream format", error.Message);
    }

    [Fact]
    public void A_truncated_file_misses_its_trailing_magic()
    {
        var bytes = GoldenBytes("primitives.file.arrow");

        var error = Assert.Throws<ArrowFormatException>(() => new ArrowFileReader(new MemoryStream(bytes[..^3])));

        Assert.Equal(bytes.Length - 3 - 6, error.ByteOffset);
        Assert.Contains("does not end with ARROW1", error.Message);
    }

    [Fact]
    public void A_footer_length_beyond_the_file_is_reported_at_the_length()
    {
        var bytes = GoldenBytes("primitives.file.arrow");
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 10), int.MaxValue);

        var error = Assert.Throws<ArrowFormatException>(() => new ArrowFileReader(new MemoryStream(bytes)));

        Assert.Equal(bytes.Length - 10, error.ByteOffset);
        Assert.Contains($"footer length {int.MaxValue} does not fit", error.Message);
    }

    [Fact]
    public void A_block_pointing_past_the_messages_is_reported_at_the_block()
    {
        var bytes = GoldenBytes("primitives.file.arrow");
        var footer = IpcLayout.Scan(bytes).Single(r => r.Kind == RegionKind.Footer);
        var decoded = FooterCodec.Decode(new FlatBufferReader(bytes.AsMemory(footer.Start, footer.Length), footer.Start, null));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan((int)decoded.RecordBatchesOffset), bytes.Length);

        var error = Assert.Throws<ArrowFormatException>(() => new ArrowFileReader(new MemoryStream(bytes)));

        Assert.Equal(decoded.RecordBatchesOffset, error.ByteOffset);
        Assert.Contains("record batch block 0", error.Message);
    }

    [Fact]
    public void A_replacement_dictionary_in_a_file_is_refused()
    {
        var type = DataType.Dictionary(DataType.Int8, DataType.Utf8);
        var schema = new Schema(new Field("d", type));
        RecordBatch Batch(params string[] values) => new(schema,
            [new DictionaryColumn(type, 1, PrimitiveColumn<sbyte>.From(DataType.Int8, [0]).ValueBuffer, BinaryColumn.FromStrings(values))]);
        // Stream-style writing (replacements allowed) framed as a file: what a careless writer might produce.
        var output = new MemoryStream();
        var writer = new IpcWriter(output, schema, allowReplacement: true);
        writer.Messages.WriteBytes("ARROW1\0\0"u8);
        writer.WriteSchema();
        writer.WriteBatch(Batch("a"));
        writer.WriteBatch(Batch("b"));
        writer.Messages.WriteEndOfStream();
        var footer = FooterCodec.Encode(new FlatBufferBuilder(), new Footer(writer.Schema, [.. writer.DictionaryBlocks], [.. writer.RecordBatchBlocks]));
        writer.Messages.WriteBytes(footer);
        var trailer = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(trailer, footer.Length);
        writer.Messages.WriteBytes(trailer);
        writer.Messages.WriteBytes("ARROW1"u8);

        using var reader = new ArrowFileReader(new MemoryStream(output.ToArray()));
        var error = Assert.Throws<ArrowFormatException>(() => reader.ReadBatch(0));

        Assert.Equal(writer.DictionaryBlocks[1].Offset, error.ByteOffset);
        Assert.Contains("the file format does not allow replacing a dictionary", error.Message);
    }

    private static bool IsSchemaAt(byte[] bytes, int offset)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
        var reader = new FlatBufferReader(bytes.AsMemory(offset + 8, length), offset + 8, null);
        return MessageCodec.Decode(reader).Kind == MessageKind.Schema;
    }
}
