using System.Text;
using FramesNet.Columns;
using FramesNet.Formats.Csv;
using static FramesNet.Tests.Formats.Csv.CsvTestFiles;

namespace FramesNet.Tests.Formats.Csv;

public sealed class CsvErrorTests : IDisposable
{
    private static readonly Schema Trips = new(
        new Field("trip_id", DataType.Int64), new Field("vendor", DataType.Utf8), new Field("fare", DataType.Float64));

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CsvFormatException ReadError(string path, CsvReadOptions? options = null) =>
        Assert.Throws<CsvFormatException>(() => ReadAll(path, options ?? new CsvReadOptions { Schema = Trips }));

    [Fact]
    public void A_bad_value_names_file_line_column_and_what_was_expected()
    {
        var path = _files.Write("trips-003.csv", "trip_id;vendor;fare\n1;CMT;12.5\n2;VTS;12,5\n");

        var error = ReadError(path, new CsvReadOptions { Schema = Trips, Delimiter = ';' });

        Assert.Equal($"{path}:3: field 3 ('fare'): expected float64, found \"12,5\"", error.Message);
        Assert.Equal((path, 3L, 3, "fare"), (error.File, error.Line, error.Column, error.FieldName));
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void A_row_with_too_many_fields_points_at_the_first_extra_one()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n1,CMT,1.5\n2,VTS,2.5,extra\n");

        Assert.Equal($"{path}:3: field 4: expected 3 fields, found 4", ReadError(path).Message);
    }

    [Fact]
    public void A_row_with_far_too_many_fields_counts_them_all()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n1,CMT,1.5\n" + string.Join(",", Enumerable.Range(0, 200)) + "\n");

        Assert.Equal($"{path}:3: field 4: expected 3 fields, found 200", ReadError(path).Message);
    }

    [Fact]
    public void A_row_with_too_few_fields_points_at_the_first_missing_one()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n1,CMT,1.5\n2,VTS\n");

        Assert.Equal($"{path}:3: field 3 ('fare'): expected 3 fields, found 2", ReadError(path).Message);
    }

    [Fact]
    public void An_unterminated_quote_at_the_end_of_the_file_points_at_the_quote()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n1,CMT,1.5\n2,\"VTS,2.5\n3,DDS,1\n");

        Assert.Equal($"{path}:3: field 2 ('vendor'): unterminated quoted field: the quote opened here is not closed before the end of the file",
            ReadError(path).Message);
    }

    [Fact]
    public void Line_numbers_count_the_line_ends_inside_quoted_fields()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n1,\"two\nlines\",1.5\n2,VTS,oops\n");

        Assert.Equal($"{path}:4: field 3 ('fare'): expected float64, found \"oops\"", ReadError(path).Message);
    }

    [Fact]
    public void The_first_error_in_the_file_is_reported_whatever_the_column_order()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n1,CMT,bad\nx,VTS,2.5\n");

        Assert.Equal($"{path}:2: field 3 ('fare'): expected float64, found \"bad\"", ReadError(path).Message);
    }

    [Fact]
    public void Errors_deep_in_a_file_read_in_parallel_ranges_have_exact_lines()
    {
        var text = new StringBuilder("trip_id,vendor,fare\n");
        for (var i = 1; i <= 20_000; i++)
            text.Append(i == 17_345 ? $"{i},\"multi\nline\",x1\n" : $"{i},V,1.5\n");
        var path = _files.Write("deep.csv", text.ToString());

        var error = ReadError(path, new CsvReadOptions { Schema = Trips, RangeBytes = 4096, Parallelism = 3 });

        Assert.Equal($"{path}:17347: field 3 ('fare'): expected float64, found \"x1\"", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_utf8_column_is_an_error_but_not_in_a_column_left_unread()
    {
        byte[] bytes = [.. "trip_id,vendor,fare\n1,ok,1.5\n2,"u8, 0xC3, 0x28, .. ",2.5\n"u8];
        var path = _files.Write("t.csv", bytes);

        Assert.Equal($"{path}:3: field 2 ('vendor'): expected utf8, found invalid UTF-8 bytes C328", ReadError(path).Message);
        Assert.Equal(2, ReadAll(path, new CsvReadOptions { Schema = Trips, Columns = ["fare"] }).Count);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_string_is_an_error()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n1,ab\"c\"d,1.5\n");

        Assert.StartsWith($"{path}:2: field 2 ('vendor'): a quote inside an unquoted field", ReadError(path).Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n1,\"ab\"cd,1.5\n");

        Assert.Equal($"{path}:2: field 2 ('vendor'): expected a delimiter or line end after the closing quote, found \"\\\"ab\\\"cd\"",
            ReadError(path).Message);
    }

    [Fact]
    public void A_null_in_a_column_that_is_not_nullable_is_an_error()
    {
        var path = _files.Write("t.csv", "trip_id,vendor,fare\n,CMT,1.5\n");
        var schema = new Schema(new Field("trip_id", DataType.Int64, nullable: false), Trips[1], Trips[2]);

        Assert.Equal($"{path}:2: field 1 ('trip_id'): expected a int64 value (the column is not nullable), found \"\"",
            ReadError(path, new CsvReadOptions { Schema = schema }).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = Path.Combine(_files.Folder, "nope.csv");

        var error = Assert.Throws<FileNotFoundException>(() => CsvReader.Open(missing));

        Assert.Equal($"CSV file not found: {missing}", error.Message);
    }

    [Fact]
    public void A_duplicate_header_name_is_an_error()
    {
        var path = _files.Write("t.csv", "a,b,a\n1,2,3\n");

        var error = Assert.Throws<CsvFormatException>(() => CsvReader.Open(path));

        Assert.Equal($"{path}:1: field 3 ('a'): duplicate column name (also field 1)", error.Message);
    }

    [Fact]
    public void A_header_with_another_column_count_than_the_schema_is_an_error()
    {
        var path = _files.Write("t.csv", "trip_id,vendor\n1,CMT\n");

        Assert.Equal($"{path}:1: expected a header of 3 columns (trip_id, vendor, fare), found 2 (trip_id, vendor)", ReadError(path).Message);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        var path = _files.Write("t.csv", "a\n1\n");

        Assert.Throws<ArgumentException>(() => CsvReader.Open(path, new CsvReadOptions { Delimiter = '"' }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvReader.Open(path, new CsvReadOptions { BatchRows = 0 }));
        Assert.Throws<NotSupportedException>(() => CsvReader.Open(path, new CsvReadOptions { Schema = new Schema(new Field("a", DataType.Binary)) }));
    }

    [Fact]
    public void Skipping_bad_rows_reports_how_many_and_where()
    {
        var path = _files.Write("t.csv",
            "trip_id,vendor,fare\n1,CMT,1.5\n2,VTS\nx,DDS,2\n4,\"a\nb\",3\n5,MYLE,4,4\n6,\"q\"x,1\n7,CMT,7.5\n8,\"open,1\n");

        var scan = CsvReader.Open(path, new CsvReadOptions { Schema = Trips, SkipBadRows = true });
        var rows = Rows(scan.ReadBatches());

        Assert.Equal([[1L, "CMT", 1.5], [4L, "a\nb", 3.0], [7L, "CMT", 7.5]], rows);
        Assert.Equal(3, scan.Report.Rows);
        Assert.Equal(5, scan.Report.BadRows);
        Assert.Equal(
        [
            $"{path}:3: field 3 ('fare'): expected 3 fields, found 2",
            $"{path}:4: field 1 ('trip_id'): expected int64, found \"x\"",
            $"{path}:7: field 4: expected 3 fields, found 4",
            $"{path}:8: field 2 ('vendor'): expected a delimiter or line end after the closing quote, found \"\\\"q\\\"x\"",
            $"{path}:10: field 2 ('vendor'): unterminated quoted field: the quote opened here is not closed before the end of the file",
        ], scan.Report.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Skipping_keeps_nulls_and_strings_of_the_good_rows_aligned()
    {
        var text = new StringBuilder("trip_id,vendor,fare\n");
        for (var i = 0; i < 5000; i++)
            text.Append(i % 7 == 3 ? $"{i},bad{i},nope\n" : i % 5 == 0 ? $"{i},,\n" : $"{i},v{i},{i}.5\n");
        var path = _files.Write("t.csv", text.ToString());

        var scan = CsvReader.Open(path, new CsvReadOptions { Schema = Trips, SkipBadRows = true, BatchRows = 999, RangeBytes = 10_000 });
        var rows = Rows(scan.ReadBatches());

        var expected = Enumerable.Range(0, 5000).Where(i => i % 7 != 3)
            .Select(i => i % 5 == 0 ? new object?[] { (long)i, null, null } : [(long)i, $"v{i}", i + 0.5]).ToList();
        Assert.Equal(expected, rows);
        Assert.Equal(5000 - expected.Count, scan.Report.BadRows);
        Assert.Equal($"{path}:5: field 3 ('fare'): expected float64, found \"nope\"", scan.Report.Errors[0].ToString());
    }

    [Fact]
    public void An_inferred_type_that_later_rows_break_is_an_error_naming_the_row()
    {
        var text = new StringBuilder("n\n");
        for (var i = 0; i < 50; i++)
            text.Append($"{i}\n");
        text.Append("fifty\n");
        var path = _files.Write("t.csv", text.ToString());

        var error = Assert.Throws<CsvFormatException>(() => ReadAll(path, new CsvReadOptions { InferenceRows = 10 }));

        Assert.Equal($"{path}:52: field 1 ('n'): expected int64, found \"fifty\"", error.Message);
    }
}
