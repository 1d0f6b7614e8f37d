using System.Buffers.Binary;
using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Formats.Arrow.Flatbuffers;
using FramesNet.Formats.Arrow.Messages;
using FramesNet.Tests.Formats.Arrow.Support;

namespace FramesNet.Tests.Formats.Arrow;

public class ArrowWriterTests
{
    [Theory]
    [InlineData(DictionaryMode.Shared, ArrowIpcFormat.Stream, "D")]
    [InlineData(DictionaryMode.Shared, ArrowIpcFormat.File, "D")]
    [InlineData(DictionaryMode.Growing, ArrowIpcFormat.Stream, "D+")]
    [InlineData(DictionaryMode.Growing, ArrowIpcFormat.File, "D+")]
    [InlineData(DictionaryMode.PerBatch, ArrowIpcFormat.Stream, "DDD")]
    [InlineData(DictionaryMode.PerBatch, ArrowIpcFormat.File, "D+")]
    public void Dictionaries_go_out_once_as_deltas_or_as_replacements(DictionaryMode mode, ArrowIpcFormat format, string expected)
    {
        // multi_batch's dictionary column: [x y x] [] [z null y w x] [w]; the empty batch needs no dictionary
        var (schema, batches) = ArrowSpec.Read(Golden.Spec("multi_batch"), mode);
        var bytes = ArrowRoundTripTests.Write(schema, batches, format);

        var dictionaryMessages = string.Concat(Messages(bytes)
            .Where(m => m.Kind == MessageKind.DictionaryBatch)
            .Select(m => DictionaryBatchCodec.Decode(m.Header).IsDelta ? '+' : 'D'));
        var (_, read) = ArrowRoundTripTests.Read(bytes, format);

        Assert.Equal(expected, dictionaryMessages);
        Assert.Equal(CanonicalJson.Write(schema, batches), CanonicalJson.Write(schema, read));
    }

    [Fact]
    public void Sliced_columns_are_written_from_their_offset()
    {
        var strings = BinaryColumn.FromStrings(["skip", "me", "abc", null, "", "déf", "tail"]);
        var flags = BooleanColumn.From([true, true, true, false, true, false, true, false, false, true, true], [true, false, true, true, true, true, false, true, true, true, true]);
        var numbers = PrimitiveColumn<int>.From(DataType.Int32, [9, 9, 9, 1, 2, 3, 4, 5], [true, true, true, true, false, true, true, true]);
        var schema = new Schema(new Field("s", DataType.Utf8), new Field("b", DataType.Bool), new Field("i", DataType.Int32));
        var batch = new RecordBatch(schema, [strings.Slice(2, 4), flags.Slice(3, 4), numbers.Slice(3, 4)]);

        foreach (var format in new[] { ArrowIpcFormat.Stream, ArrowIpcFormat.File })
        {
            var (_, read) = ArrowRoundTripTests.Read(ArrowRoundTripTests.Write(schema, [batch], format), format);
            var back = Assert.Single(read);
            Assert.Equal(["abc", null, "", "déf"], Enumerable.Range(0, 4).Select(i => ((BinaryColumn)back.Column("s")).GetNullableString(i)));
            Assert.Equal([false, true, false, null], Enumerable.Range(0, 4).Select(i => ((BooleanColumn)back.Column("b")).GetNullable(i)));
            Assert.Equal([1, null, 3, 4], Enumerable.Range(0, 4).Select(i => ((PrimitiveColumn<int>)back.Column("i")).GetNullable(i)));
            Assert.Equal(0, ((BinaryColumn)back.Column("s")).Offsets[0]);
        }
    }

    [Fact]
    public void Messages_are_8_byte_framed_and_body_buffers_64_byte_aligned()
    {
        var (schema, batches) = ArrowSpec.Read(Golden.Spec("nulls"));
        var bytes = ArrowRoundTripTests.Write(schema, batches, ArrowIpcFormat.File);

        foreach (var message in Messages(bytes))
        {
            Assert.Equal(0, message.Offset % 8);
            Assert.Equal(0, message.BodyLength % 8);
            if (message.Kind != MessageKind.RecordBatch)
                continue;
            var header = RecordBatchCodec.Decode(message.Header);
            Assert.All(header.Buffers.Where(b => b.Length > 0), b => Assert.Equal(0, b.Offset % 64));
            Assert.All(header.Buffers, b => Assert.InRange(b.Offset + b.Length, 0, message.BodyLength));
        }
    }

    [Theory]
    [InlineData(ArrowIpcFormat.Stream)]
    [InlineData(ArrowIpcFormat.File)]
    public void Disposing_an_unfinished_writer_finishes_it(ArrowIpcFormat format)
    {
        var schema = new Schema(new Field("x", DataType.Float64, nullable: false, new Dictionary<string, string> { ["unit"] = "m" }));
        var output = new MemoryStream();
        IDisposable writer = format == ArrowIpcFormat.File
            ? new ArrowFileWriter(output, schema, leaveOpen: true)
            : new ArrowStreamWriter(output, schema, leaveOpen: true);
        writer.Dispose();

        var (read, batches) = ArrowRoundTripTests.Read(output.ToArray(), format);

        Assert.Equal(schema, read);
        Assert.Empty(batches);
    }

    [Fact]
    public void A_batch_of_another_schema_is_refused_by_name()
    {
        var schema = new Schema(new Field("a", DataType.Int64));
        var other = new Schema(new Field("a", DataType.Int32));
        using var writer = new ArrowStreamWriter(new MemoryStream(), schema);

        var error = Assert.Throws<ArgumentException>(() => writer.Write(new RecordBatch(other, [PrimitiveColumn<int>.From(DataType.Int32, [1])])));

        Assert.Contains("column 0 ('a') holds int32 but the writer's schema says int64", error.Message);
    }

    [Fact]
    public void Nothing_can_be_written_after_finish()
    {
        var schema = new Schema(new Field("a", DataType.Int64));
        using var writer = new ArrowFileWriter(new MemoryStream(), schema);
        writer.Finish();

        Assert.Throws<InvalidOperationException>(() => writer.Write(new RecordBatch(schema, [PrimitiveColumn<long>.From(DataType.Int64, [1])])));
    }

    [Fact]
    public void Merging_dictionaries_in_a_file_checks_the_index_width()
    {
        var type = DataType.Dictionary(DataType.Int8, DataType.Int64);
        var schema = new Schema(new Field("d", type));
        RecordBatch Batch(int first)
        {
            var values = PrimitiveColumn<long>.From(DataType.Int64, Enumerable.Range(first, 100).Select(v => (long)v).ToArray());
            return new RecordBatch(schema, [new DictionaryColumn(type, 1, PrimitiveColumn<sbyte>.From(DataType.Int8, [0]).ValueBuffer, values)]);
        }
        using var writer = new ArrowFileWriter(new MemoryStream(), schema);
        writer.Write(Batch(0));

        var error = Assert.Throws<InvalidOperationException>(() => writer.Write(Batch(1000)));

        Assert.Contains("200 values, more than int8 indices can address", error.Message);
    }

    private static List<IpcMessage> Messages(byte[] bytes)
    {
        var messages = new List<IpcMessage>();
        foreach (var region in IpcLayout.Scan(bytes).Where(r => r.Kind == RegionKind.Prefix))
        {
            var reader = new MessageReader(new MemoryStream(bytes), null);
            reader.Seek(region.Start);
            messages.Add(reader.ReadNext()!);
        }
        return messages;
    }
}
