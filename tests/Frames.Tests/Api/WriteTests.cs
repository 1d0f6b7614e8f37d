using FramesNet.Formats;
using FramesNet.Tests.Formats.Arrow.Support;
using static FramesNet.Frames;

namespace FramesNet.Tests.Api;

public class WriteTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"frames-write-{Guid.NewGuid():N}");

    private static DataFrame Numbers() => Frames.FromColumns(FramesContext.Local, 3,
        ("id", Enumerable.Range(0, 1000).Select(i => (long)i).ToArray()),
        ("name", Enumerable.Range(0, 1000).Select(i => i % 9 == 0 ? null : $"n,{i}\"").ToArray()));

    [Theory]
    [InlineData(TableFormat.Csv)]
    [InlineData(TableFormat.ArrowFile)]
    public async Task Each_partition_becomes_one_file_that_reads_back_the_same(TableFormat format)
    {
        var written = await Numbers().Filter(Col("id") % 2 == 0).WriteAsync(_folder, format);

        Assert.Equal(3, written.RowCount);
        Assert.Equal(500, written.Sum(r => (long)r["rows"]!));
        var files = Directory.GetFiles(_folder).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["part-00000", "part-00001", "part-00002"], files.Select(Path.GetFileNameWithoutExtension));
        var back = format == TableFormat.Csv
            ? ReadCsv(Path.Combine(_folder, "part-*.csv"), new FramesNet.Formats.Csv.CsvReadOptions { Schema = Numbers().Schema })
            : ReadArrow(Path.Combine(_folder, "part-*.arrow"));
        var expected = Numbers().Filter(Col("id") % 2 == 0).Collect().Select(r => $"{r["id"]}|{r["name"]}");
        Assert.Equal(expected, back.Collect().Select(r => $"{r["id"]}|{r["name"]}"));
    }

    [Fact]
    public void A_second_write_needs_overwrite_and_then_replaces_the_old_parts()
    {
        Numbers().WriteCsv(_folder);

        var error = Assert.Throws<IOException>(() => Numbers().Head(5).WriteCsv(_folder));
        Assert.Contains("overwrite", error.Message);

        var written = Numbers().Head(5).WriteCsv(_folder, overwrite: true);
        Assert.Single(written);
        Assert.Equal(["part-00000.csv"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    /// <summary>A shuffled aggregate leaves most buckets empty: they write no file, and what is written reads back whole.</summary>
    [Theory]
    [InlineData(TableFormat.Csv)]
    [InlineData(TableFormat.ArrowFile)]
    [InlineData(TableFormat.ArrowStream)]
    public async Task A_written_aggregate_has_no_empty_part_files(TableFormat format)
    {
        var context = FramesContext.Local with { Physical = FramesNet.Physical.PhysicalOptions.Default with { ShuffleBuckets = 16, Combine = FramesNet.Physical.CombineStrategy.Shuffle } };
        var frame = Numbers().WithContext(context).GroupBy(Col("id") % 3).Agg(Count().Alias("n"), Col("name").Max().Alias("last"));

        var written = await frame.WriteAsync(_folder, format);

        Assert.InRange(written.RowCount, 1, 3);
        Assert.All(written, row => Assert.True((long)row["rows"]! > 0, $"{row["path"]} holds no rows"));
        Assert.Equal(written.Select(r => (string)r["path"]!).Order(), Directory.GetFiles(_folder).Order());
        var back = format == TableFormat.Csv
            ? ReadCsv(Path.Combine(_folder, "part-*.csv"), new FramesNet.Formats.Csv.CsvReadOptions { Schema = frame.Schema })
            : ReadArrow(Path.Combine(_folder, "part-*.*"));
        Assert.Equal(frame.Collect().Select(r => r.ToString()).Order(), back.Collect().Select(r => r.ToString()).Order());
    }

    [Theory]
    [InlineData(TableFormat.Csv)]
    [InlineData(TableFormat.ArrowFile)]
    public void An_empty_result_is_one_file_that_still_gives_the_columns(TableFormat format)
    {
        var empty = Numbers().Filter(Col("id") < 0);

        var written = format == TableFormat.Csv ? empty.WriteCsv(_folder) : empty.WriteArrow(_folder);

        var row = Assert.Single(written);
        Assert.Equal(0L, row["rows"]);
        Assert.Equal([(string)row["path"]!], Directory.GetFiles(_folder));
        var back = format == TableFormat.Csv ? ReadCsv((string)row["path"]!, new FramesNet.Formats.Csv.CsvReadOptions { Schema = empty.Schema }) : ReadArrow((string)row["path"]!);
        Assert.Equal(empty.Schema.Fields.Select(f => (f.Name, f.Type)), back.Schema.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal(0, back.Count());
        if (format == TableFormat.Csv)
            Assert.Equal("id,name", File.ReadAllText((string)row["path"]!).TrimEnd());
    }

    [Fact]
    public void The_files_written_print_with_their_whole_paths()
    {
        var folder = Path.Combine(_folder, "a folder name long enough that a table cell would cut it short", "out");

        var written = Numbers().WriteCsv(folder);

        var text = written.ToString();
        foreach (var row in written)
            Assert.Contains((string)row["path"]!, text);
        Assert.Equal(3, written.RowCount);
    }

    /// <summary>
    /// A join hands its small side's strings on dictionary-encoded; the files say what the plan says (utf8), and
    /// apache-arrow (the reference tool) reads them as utf8 values equal to the collected ones.
    /// </summary>
    [Fact]
    public void A_written_join_result_holds_utf8_strings_that_apache_arrow_reads_back()
    {
        var names = Frames.FromColumns(("id", new long[] { 0, 1, 2, 3 }), ("label", new[] { "zero", null, "two", "three" }));
        var joined = Numbers().Join(names, ["id"], ["id"], FramesNet.Plan.JoinType.Left).Filter(Col("id") < 6);

        joined.WriteArrow(_folder);

        var expected = joined.Collect().Select(r => $"{r["id"]}|{r["name"]}|{r["label"]}").Order(StringComparer.Ordinal).ToList();
        var rows = new List<string>();
        foreach (var file in Directory.GetFiles(_folder, "*.arrow"))
        {
            using var json = System.Text.Json.JsonDocument.Parse(ArrowInteropTool.Dump(file, "file", file));
            var types = json.RootElement.GetProperty("schema").EnumerateArray().Select(f => f.GetProperty("type").GetString()).ToList();
            Assert.Equal(["int64", "utf8", "utf8"], types);
            foreach (var batch in json.RootElement.GetProperty("batches").EnumerateArray())
            {
                var columns = batch.GetProperty("columns");
                string? Value(string name, int row) => columns.GetProperty(name)[row].ValueKind == System.Text.Json.JsonValueKind.Null ? null : columns.GetProperty(name)[row].GetString();
                for (var row = 0; row < batch.GetProperty("length").GetInt32(); row++)
                    rows.Add($"{Value("id", row)}|{Value("name", row)}|{Value("label", row)}");
            }
        }
        Assert.Equal(expected, rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_written_folder_reads_back_by_its_name_each_reader_taking_its_own_files()
    {
        var frame = Numbers().Filter(Col("id") % 3 == 0);
        frame.WriteCsv(_folder);
        frame.WriteArrow(_folder + "-arrow");
        foreach (var file in Directory.GetFiles(_folder + "-arrow"))
            File.Move(file, Path.Combine(_folder, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(_folder, ".part-00009.arrow.tmp"), "a temporary file of a writer");

        var expected = frame.Collect().Select(r => $"{r["id"]}|{r["name"]}").ToList();
        Assert.Equal(expected, ReadArrow(_folder).Collect().Select(r => $"{r["id"]}|{r["name"]}"));
        Assert.Equal(expected, ReadCsv(_folder, new FramesNet.Formats.Csv.CsvReadOptions { Schema = Numbers().Schema }).Collect().Select(r => $"{r["id"]}|{r["name"]}"));
    }

    [Fact]
    public void A_folder_without_files_of_the_readers_format_is_refused_naming_what_it_holds()
    {
        Numbers().WriteCsv(_folder);

        var error = Assert.Throws<FileNotFoundException>(() => ReadArrow(_folder));

        Assert.Equal($"{_folder} is a folder with no .arrow, .arrows files (part-00000.csv, part-00001.csv, part-00002.csv); name the files, e.g. {_folder}/*.arrow", error.Message);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _folder, _folder + "-arrow" })
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
    }
}
