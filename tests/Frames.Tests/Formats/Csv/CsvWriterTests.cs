using System.Text;
using FramesNet.Columns;
using FramesNet.Formats.Csv;
using static FramesNet.Tests.Formats.Csv.CsvTestFiles;

namespace FramesNet.Tests.Formats.Csv;

public sealed class CsvWriterTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Write(RecordBatch batch, CsvWriteOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new CsvWriter(stream, batch.Schema, options, leaveOpen: true))
            writer.Write(batch);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static RecordBatch Batch(params (string Name, Column Column)[] columns) =>
        new(new Schema(columns.Select(c => new Field(c.Name, c.Column.Type))), columns.Select(c => c.Column).ToArray());

    [Fact]
    public void Quotes_fields_that_need_it_and_doubles_their_quotes()
    {
        var batch = Batch(("s", BinaryColumn.FromStrings(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", null, " spaced "])));

        Assert.Equal("s\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"cr\rhere\"\n\"\"\n\n spaced \n", Write(batch));
    }

    [Fact]
    public void Writes_numbers_dates_timestamps_and_bools_as_the_reader_reads_them()
    {
        var batch = Batch(
            ("i", PrimitiveColumn<long>.From(DataType.Int64, [-5, 0], [true, false])),
            ("f", PrimitiveColumn<double>.From(DataType.Float64, [0.1 + 0.2, double.NegativeInfinity])),
            ("g", PrimitiveColumn<float>.From(DataType.Float32, [1.1f, -0f])),
            ("d", PrimitiveColumn<int>.From(DataType.Date32, [19782, -1])),
            ("t", PrimitiveColumn<long>.From(DataType.Timestamp(TimeUnit.Microsecond, "UTC"), [1704164645123456, -1])),
            ("n", PrimitiveColumn<long>.From(DataType.Timestamp(TimeUnit.Second), [0, 86399])),
            ("b", BooleanColumn.From([true, false])));

        Assert.Equal(
            "i,f,g,d,t,n,b\n" +
            "-5,0.30000000000000004,1.1,2024-02-29,2024-01-02T03:04:05.123456Z,1970-01-01T00:00:00,true\n" +
            ",-Infinity,-0,1969-12-31,1969-12-31T23:59:59.999999Z,1970-01-01T23:59:59,false\n",
            Write(batch));
    }

    [Fact]
    public void Options_choose_delimiter_line_end_null_text_and_header()
    {
        var batch = Batch(("a", BinaryColumn.FromStrings(["x;y", null, "NA"])), ("b", PrimitiveColumn<long>.From(DataType.Int64, [1, 2, 3])));

        var text = Write(batch, new CsvWriteOptions { Delimiter = ';', NewLine = "\r\n", NullValue = "NA", WriteHeader = false });

        Assert.Equal("\"x;y\";1\r\nNA;2\r\n\"NA\";3\r\n", text);
    }

    [Fact]
    public void A_header_is_written_even_with_no_batches()
    {
        using var stream = new MemoryStream();
        using (new CsvWriter(stream, new Schema(new Field("a,b", DataType.Int64), new Field("c", DataType.Utf8)), leaveOpen: true))
        {
        }

        Assert.Equal("\"a,b\",c\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Dictionary_columns_are_written_as_their_values()
    {
        var values = BinaryColumn.FromStrings(["low", "high,er"]);
        var dictionary = new DictionaryColumn(DataType.Dictionary(DataType.Int32, DataType.Utf8), 3,
            PrimitiveColumn<int>.From(DataType.Int32, [1, 0, 1]).ValueBuffer, values);

        Assert.Equal("d\n\"high,er\"\nlow\n\"high,er\"\n", Write(Batch(("d", dictionary))));
    }

    [Fact]
    public void A_batch_of_another_schema_is_refused()
    {
        using var writer = new CsvWriter(Stream.Null, new Schema(new Field("a", DataType.Int64)));

        var error = Assert.Throws<ArgumentException>(() => writer.Write(Batch(("a", BinaryColumn.FromStrings(["x"])))));

        Assert.Equal("column 1 ('a') of the batch is utf8, the CSV file's is int64", error.Message);
    }

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back()
    {
        var batch = Batch(
            ("s", BinaryColumn.FromStrings(["", null, "a\"b", "x,y\r\nz"])),
            ("f", PrimitiveColumn<double>.From(DataType.Float64, [Math.PI, -0.0, 1e-300, double.NaN])),
            ("t", PrimitiveColumn<long>.From(DataType.Timestamp(TimeUnit.Nanosecond, "UTC"), [1, -1, 0, long.MaxValue / 2])));
        var path = Path.Combine(_files.Folder, "rt.csv");
        using (var writer = CsvWriter.Create(path, batch.Schema))
            writer.Write(batch);

        var rows = ReadAll(path, new CsvReadOptions { Schema = batch.Schema });

        Assert.Equal(Enumerable.Range(0, 4).Select(r => batch.Columns.Select(c => c.GetValue(r)).ToArray()), rows);
    }
}
