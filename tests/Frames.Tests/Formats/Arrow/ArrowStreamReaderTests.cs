using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Tests.Formats.Arrow.Support;

namespace FramesNet.Tests.Formats.Arrow;

public class ArrowStreamReaderTests
{
    private static byte[] GoldenBytes(string file) => File.ReadAllBytes(Path.Combine(Golden.Folder, file));

    [Fact]
    public void Empty_input_is_a_format_error_naming_the_source()
    {
        var error = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(new MemoryStream(), "empty.arrows"));

        Assert.Equal(0, error.ByteOffset);
        Assert.Equal("empty.arrows: at byte 0: the input is empty: no Schema message", error.Message);
    }

    [Fact]
    public void The_file_format_given_to_the_stream_reader_says_which_reader_to_use()
    {
        var error = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(new MemoryStream(GoldenBytes("primitives.file.arrow"))));

        Assert.Contains("read it with ArrowFileReader", error.Message);
    }

    [Fact]
    public void A_stream_may_end_without_the_end_of_stream_marker()
    {
        var bytes = GoldenBytes("multi_batch.stream.arrow");
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], bytes[^8..]);

        using var reader = new ArrowStreamReader(new MemoryStream(bytes[..^8]));

        Assert.Equal([3, 0, 5, 1], reader.ReadAll().Select(b => b.Length));
        Assert.Null(reader.ReadNext());
    }

    [Fact]
    public void Reading_stops_at_the_end_of_stream_marker()
    {
        var bytes = GoldenBytes("schema_only.stream.arrow");
        var input = new MemoryStream([.. bytes, .. "not arrow at all"u8]);

        using var reader = new ArrowStreamReader(input, leaveOpen: true);

        Assert.Null(reader.ReadNext());
        Assert.Equal(bytes.Length, input.Position);
    }

    [Fact]
    public void A_truncated_body_is_reported_at_the_body()
    {
        var bytes = GoldenBytes("primitives.stream.arrow");
        var layout = IpcLayout.Scan(bytes);
        var body = layout.First(r => r.Kind == RegionKind.Body && r.Length > 0);

        using var reader = new ArrowStreamReader(new MemoryStream(bytes[..(body.Start + 10)]), "cut.arrows");
        var error = Assert.Throws<ArrowFormatException>(() => reader.ReadNext());

        Assert.Equal(body.Start, error.ByteOffset);
        Assert.Contains($"message body of {body.Length} bytes runs past the end of the input", error.Message);
    }

    [Fact]
    public void Pre_0_15_framing_without_the_continuation_marker_is_read()
    {
        var bytes = GoldenBytes("nulls.stream.arrow");
        var legacy = new MemoryStream();
        foreach (var region in IpcLayout.Scan(bytes))
        {
            if (region.Kind == RegionKind.Prefix)
                legacy.Write(bytes.AsSpan(region.Start + 4, 4)); // the length alone
            else if (region.Kind != RegionKind.EndOfStream)
                legacy.Write(bytes.AsSpan(region.Start, region.Length));
        }

        var (schema, batches) = ReadAll(legacy.ToArray());
        var (expectedSchema, expected) = ReadAll(bytes);

        Assert.Equal(expectedSchema, schema);
        Assert.Equal(CanonicalJson.Write(expectedSchema, expected), CanonicalJson.Write(schema, batches));
    }

    [Fact]
    public void A_non_seekable_stream_that_trickles_reads_like_a_memory_stream()
    {
        var bytes = GoldenBytes("multi_batch.delta.stream.arrow");

        using var trickle = new ArrowStreamReader(new TrickleStream(bytes, chunk: 3));
        var (schema, batches) = ReadAll(bytes);

        Assert.Equal(CanonicalJson.Write(schema, batches), CanonicalJson.Write(trickle.Schema, trickle.ReadAll().ToList()));
    }

    [Fact]
    public void A_batch_is_windows_into_one_block_holding_its_body()
    {
        using var reader = new ArrowStreamReader(new MemoryStream(GoldenBytes("nulls.stream.arrow")));
        using var batch = reader.ReadNext()!;

        var owners = batch.Columns.Where(c => c is not DictionaryColumn)
            .SelectMany(c => c.Buffers).Where(b => !b.IsEmpty).Select(b => b.Owner).Distinct().ToList();

        Assert.Single(owners);
    }

    [Fact]
    public void Delta_dictionaries_extend_and_replacements_swap_the_dictionary()
    {
        int[] DictionaryLengths(string file)
        {
            using var reader = new ArrowStreamReader(new MemoryStream(GoldenBytes(file)));
            return reader.ReadAll().Select(b => b.Column("d").DictionaryValues!.Length).ToArray();
        }

        Assert.Equal([2, 2, 4, 4], DictionaryLengths("multi_batch.delta.stream.arrow"));
        Assert.Equal([2, 0, 4, 1], DictionaryLengths("multi_batch.replace.stream.arrow"));
    }

    [Fact]
    public void A_dictionary_stays_valid_after_the_batches_using_it_are_disposed()
    {
        var (schema, batches) = ArrowSpec.Read(Golden.Spec("multi_batch"));
        var bytes = ArrowRoundTripTests.Write(schema, batches, ArrowIpcFormat.Stream);
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));

        var first = reader.ReadNext()!;
        var dictionary = first.Column("d").DictionaryValues!;
        first.Dispose();
        using var second = reader.ReadNext()!;

        Assert.Same(dictionary, second.Column("d").DictionaryValues);
        Assert.True(dictionary.Buffers.Where(b => !b.IsEmpty).All(b => b.Owner!.References > 0));
        Assert.Equal("x", ((BinaryColumn)dictionary).GetString(0));
    }

    [Fact]
    public void A_dictionary_index_outside_the_dictionary_is_a_format_error()
    {
        var type = DataType.Dictionary(DataType.Int32, DataType.Utf8);
        var indices = PrimitiveColumn<int>.From(DataType.Int32, [0, 5, 1]);
        var column = new DictionaryColumn(type, 3, indices.ValueBuffer, BinaryColumn.FromStrings(["a", "b"]));
        var schema = new Schema(new Field("d", type));
        var bytes = ArrowRoundTripTests.Write(schema, [new RecordBatch(schema, [column])], ArrowIpcFormat.Stream);

        using var reader = new ArrowStreamReader(new MemoryStream(bytes), "bad.arrows");
        var error = Assert.Throws<ArrowFormatException>(() => reader.ReadNext());

        Assert.Contains("field 'd': dictionary index 5 at row 1 is outside the 2-value dictionary", error.Message);
        Assert.StartsWith("bad.arrows: at byte ", error.Message);
    }

    private static (Schema, List<RecordBatch>) ReadAll(byte[] bytes)
    {
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        return (reader.Schema, reader.ReadAll().ToList());
    }
}
