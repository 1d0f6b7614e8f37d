using System.Text;
using FramesNet.Columns;
using FramesNet.Formats.Csv;
using static FramesNet.Tests.Formats.Csv.CsvTestFiles;

namespace FramesNet.Tests.Formats.Csv;

public sealed class CsvReaderTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Reads_the_header_and_infers_column_types()
    {
        var path = _files.Write("t.csv", "id,name,score,ok,day\n1,ann,1.5,true,2024-02-29\n2,bob,2,FALSE,2024-03-01\n");

        var scan = CsvReader.Open(path);
        var rows = Rows(scan.ReadBatches());

        Assert.Equal("id: int64|name: utf8|score: float64|ok: bool|day: date32", string.Join("|", scan.Schema.Fields));
        Assert.Equal([1L, "ann", 1.5, true, 19782], rows[0]);
        Assert.Equal([2L, "bob", 2.0, false, 19783], rows[1]);
        Assert.Equal(2, scan.Report.Rows);
    }

    [Fact]
    public void Quoted_fields_hold_delimiters_line_ends_and_doubled_quotes()
    {
        var path = _files.Write("q.csv", "a,b\n\"x,y\",\"line1\nline2\"\n\"say \"\"hi\"\"\",\"\"\"\"\n\"\",plain\n");

        var rows = ReadAll(path, new CsvReadOptions { Schema = Utf8Schema("a", "b") });

        Assert.Equal(["x,y", "line1\nline2"], rows[0]);
        Assert.Equal(["say \"hi\"", "\""], rows[1]);
        Assert.Equal(["", "plain"], rows[2]);
    }

    [Fact]
    public void Reads_crlf_line_ends_and_keeps_crlf_inside_quotes()
    {
        var path = _files.Write("crlf.csv", "a,b\r\n1,x\r\n2,\"p\r\nq\"\r\n3,\r\n");

        var rows = ReadAll(path);

        Assert.Equal([[1L, "x"], [2L, "p\r\nq"], [3L, null]], rows);
    }

    [Fact]
    public void Skips_a_utf8_byte_order_mark()
    {
        var path = _files.Write("bom.csv", [0xEF, 0xBB, 0xBF, .. "name,n\nzoë,1\n"u8]);

        var scan = CsvReader.Open(path);

        Assert.Equal("name", scan.Schema[0].Name);
        Assert.Equal([["zoë", 1L]], Rows(scan.ReadBatches()));
    }

    [Fact]
    public void Reads_with_another_delimiter()
    {
        var path = _files.Write("semi.csv", "a;b\n1,5;\"x;y\"\n");

        var rows = ReadAll(path, new CsvReadOptions { Delimiter = ';' });

        Assert.Equal([["1,5", "x;y"]], rows);
    }

    [Fact]
    public void An_empty_field_is_null_and_a_quoted_empty_field_is_an_empty_string()
    {
        var path = _files.Write("n.csv", "s,i\n,\n\"\",1\nx,\n");

        var rows = ReadAll(path, new CsvReadOptions { Schema = new Schema(new Field("s", DataType.Utf8), new Field("i", DataType.Int64)) });

        Assert.Equal([[null, null], ["", 1L], ["x", null]], rows);
    }

    [Fact]
    public void Null_texts_are_configurable_and_a_quoted_null_text_is_a_string()
    {
        var path = _files.Write("na.csv", "s,f\nNA,NA\n\"NA\",1.5\n,null\n");
        var options = new CsvReadOptions { NullValues = ["NA", "null"] };

        var scan = CsvReader.Open(path, options);
        var rows = Rows(scan.ReadBatches());

        Assert.Equal(DataType.Float64, scan.Schema[1].Type);
        Assert.Equal([[null, null], ["NA", 1.5], ["", null]], rows);
    }

    [Fact]
    public void Explicit_schema_reads_every_supported_type()
    {
        var path = _files.Write("types.csv",
            "i8,i16,i32,u8,u16,u32,u64,f32,f64,b,d,ts,tsz\n" +
            "-128,-32768,-2147483648,255,65535,4294967295,18446744073709551615,1.25,-0.1,1,1970-01-02,2024-01-02T03:04:05.123456,2024-01-02T03:04:05+01:00\n");
        var schema = new Schema(
            new Field("i8", DataType.Int8), new Field("i16", DataType.Int16), new Field("i32", DataType.Int32),
            new Field("u8", DataType.UInt8), new Field("u16", DataType.UInt16), new Field("u32", DataType.UInt32),
            new Field("u64", DataType.UInt64), new Field("f32", DataType.Float32), new Field("f64", DataType.Float64),
            new Field("b", DataType.Bool), new Field("d", DataType.Date32),
            new Field("ts", DataType.Timestamp(TimeUnit.Millisecond)), new Field("tsz", DataType.Timestamp(TimeUnit.Second, "UTC")));

        var row = Assert.Single(ReadAll(path, new CsvReadOptions { Schema = schema }));

        Assert.Equal<object?>([(sbyte)-128, (short)-32768, int.MinValue, (byte)255, (ushort)65535, uint.MaxValue, ulong.MaxValue,
            1.25f, -0.1, true, 1, 1704164645123L, 1704161045L], row);
    }

    [Fact]
    public void A_value_out_of_an_explicit_integer_range_is_an_error()
    {
        var path = _files.Write("range.csv", "v\n127\n128\n");

        var error = Assert.Throws<CsvFormatException>(() =>
            ReadAll(path, new CsvReadOptions { Schema = new Schema(new Field("v", DataType.Int8)) }));

        Assert.Equal($"{path}:3: field 1 ('v'): expected int8, found \"128\"", error.Message);
    }

    [Fact]
    public void Projection_parses_only_the_asked_columns_in_the_asked_order()
    {
        var path = _files.Write("p.csv", "a,b,c\n1,not a number,x\n2,also not,y\n");
        var schema = new Schema(new Field("a", DataType.Int64), new Field("b", DataType.Float64), new Field("c", DataType.Utf8));

        var scan = CsvReader.Open(path, new CsvReadOptions { Schema = schema, Columns = ["c", "a"] });
        var rows = Rows(scan.ReadBatches());

        Assert.Equal(["c", "a"], scan.Schema.Fields.Select(f => f.Name));
        Assert.Equal([["x", 1L], ["y", 2L]], rows);
    }

    [Fact]
    public void Projection_of_no_columns_counts_rows()
    {
        var path = _files.Write("count.csv", "a,b\n1,2\n3,4\n5,6\n");

        var batches = CsvReader.Open(path, new CsvReadOptions { Columns = [] }).ReadBatches().ToList();

        Assert.Equal(3, batches.Sum(b => b.Length));
        Assert.All(batches, b => Assert.Equal(0, b.ColumnCount));
    }

    [Fact]
    public void An_unknown_projected_column_is_named_with_a_suggestion()
    {
        var path = _files.Write("p.csv", "fare,tip\n1,2\n");

        var error = Assert.Throws<ArgumentException>(() => CsvReader.Open(path, new CsvReadOptions { Columns = ["fair"] }));

        Assert.Contains("column 'fair' not found; did you mean 'fare'?", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(100)]
    public void Batches_hold_at_most_batch_rows(int batchRows)
    {
        var path = _files.Write("b.csv", "n\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i}\n")));

        var batches = CsvReader.Open(path, new CsvReadOptions { BatchRows = batchRows }).ReadBatches().ToList();

        Assert.All(batches, b => Assert.InRange(b.Length, 1, batchRows));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Rows(batches).Select(r => (long)r[0]!));
    }

    [Fact]
    public void The_last_row_needs_no_line_end()
    {
        var path = _files.Write("end.csv", "a,b\n1,x\n2,\"y\"");

        Assert.Equal([[1L, "x"], [2L, "y"]], ReadAll(path));
    }

    [Fact]
    public void Empty_lines_are_skipped_but_a_one_column_file_reads_them_as_nulls()
    {
        var two = _files.Write("two.csv", "a,b\n1,2\n\n3,4\r\n\r\n");
        var one = _files.Write("one.csv", "a\n1\n\n3\n");

        Assert.Equal([[1L, 2L], [3L, 4L]], ReadAll(two));
        Assert.Equal([[1L], [null], [3L]], ReadAll(one));
    }

    [Fact]
    public void A_header_only_file_has_utf8_columns_and_no_rows()
    {
        var path = _files.Write("h.csv", "a,b\n");

        var scan = CsvReader.Open(path);

        Assert.Equal([DataType.Utf8, DataType.Utf8], scan.Schema.Fields.Select(f => f.Type));
        Assert.Empty(scan.ReadBatches());
    }

    [Fact]
    public void An_empty_file_reads_as_no_rows_with_a_schema_and_is_an_error_without()
    {
        var path = _files.Write("empty.csv", "");
        var schema = new Schema(new Field("a", DataType.Int64));

        Assert.Empty(CsvReader.Open(path, new CsvReadOptions { Schema = schema }).ReadBatches());
        var error = Assert.Throws<CsvFormatException>(() => CsvReader.Open(path));
        Assert.Equal($"{path}: the file is empty: no header to name the columns (give a schema to read it as no rows)", error.Message);
    }

    [Fact]
    public void Without_a_header_columns_are_numbered()
    {
        var path = _files.Write("nh.csv", "1,x\n2,y\n");

        var scan = CsvReader.Open(path, new CsvReadOptions { HasHeader = false });

        Assert.Equal(["column_1", "column_2"], scan.Schema.Fields.Select(f => f.Name));
        Assert.Equal([[1L, "x"], [2L, "y"]], Rows(scan.ReadBatches()));
    }

    [Fact]
    public void Many_files_are_read_in_order()
    {
        var paths = Enumerable.Range(0, 5)
            .Select(f => _files.Write($"part-{f}.csv", "n,s\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{f * 100 + i},v{i}\n"))))
            .ToArray();

        var rows = Rows(CsvReader.Open(paths, new CsvReadOptions { Parallelism = 3, BatchRows = 7 }).ReadBatches());

        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), rows.Select(r => (long)r[0]!));
    }

    [Fact]
    public void A_file_whose_header_differs_from_the_first_is_an_error()
    {
        var first = _files.Write("a.csv", "x,y\n1,2\n");
        var second = _files.Write("b.csv", "x,z\n3,4\n");

        var error = Assert.Throws<CsvFormatException>(() => Rows(CsvReader.Open([first, second]).ReadBatches()));

        Assert.Equal($"{second}:1: field 2 ('z'): expected column 'y' here, as in the schema of the first file", error.Message);
    }

    [Fact]
    public void Timestamps_with_an_offset_are_utc_and_plain_ones_have_no_zone()
    {
        var path = _files.Write("ts.csv", "z,p\n2024-01-01T00:00:00Z,2024-01-01 12:30\n2024-01-01T02:00:00+02:00,2024-01-01T12:30:15.5\n");

        var scan = CsvReader.Open(path);
        var rows = Rows(scan.ReadBatches());

        Assert.Equal(DataType.Timestamp(TimeUnit.Microsecond, "UTC"), scan.Schema[0].Type);
        Assert.Equal(DataType.Timestamp(TimeUnit.Microsecond), scan.Schema[1].Type);
        Assert.Equal(1704067200_000000L, rows[0][0]);
        Assert.Equal(1704067200_000000L, rows[1][0]);
        Assert.Equal(1704112200_000000L, rows[0][1]);
        Assert.Equal(1704112215_500000L, rows[1][1]);
    }

    [Fact]
    public void Floats_parse_bit_for_bit_like_double_parse()
    {
        string[] texts = ["0.1", "-0", "-0.0", "123456789.123456", "9007199254740993", "1e300", "2.2250738585072014E-308",
            "0.30000000000000004", ".5", "5.", "+7.25", "NaN", "-Infinity", "1234567890123456789.5", "0.000001"];
        var path = _files.Write("f.csv", "f\n" + string.Join("\n", texts) + "\n");

        var values = ReadAll(path, new CsvReadOptions { Schema = new Schema(new Field("f", DataType.Float64)) }).Select(r => (double)r[0]!);

        Assert.Equal(texts.Select(t => BitConverter.DoubleToInt64Bits(double.Parse(t, System.Globalization.CultureInfo.InvariantCulture))),
            values.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Strings_keep_their_utf8_bytes()
    {
        const string text = "日本語,\"émoji 🎉\",\"a\"\"b\"\n";
        var path = _files.Write("u.csv", "a,b,c\n" + text);

        var row = Assert.Single(ReadAll(path));

        Assert.Equal(["日本語", "émoji 🎉", "a\"b"], row);
        Assert.Equal("émoji 🎉", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes((string)row[1]!)));
    }
}
