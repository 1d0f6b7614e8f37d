using System.Text;
using FramesNet.Columns;
using FramesNet.Formats.Csv;
using static FramesNet.Tests.Formats.Csv.CsvTestFiles;

namespace FramesNet.Tests.Formats.Csv;

public sealed class CsvRangeTests : IDisposable
{
    private static readonly Schema Schema = new(new Field("id", DataType.Int64), new Field("text", DataType.Utf8));

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Rows whose quoted text holds line feeds that look like row ends, so guessed cuts fall inside quotes.</summary>
    private string QuotedNewlines(int rows, out List<object?[]> expected)
    {
        var text = new StringBuilder("id,text\n");
        expected = [];
        for (var i = 0; i < rows; i++)
        {
            var value = i % 3 == 0 ? $"line {i}\n{i},fake row\n\"quoted\"" : $"v{i}";
            text.Append($"{i},\"{value.Replace("\"", "\"\"")}\"\n");
            expected.Add([(long)i, value]);
        }
        return _files.Write($"quoted-{rows}.csv", text.ToString());
    }

    [Fact]
    public void Split_ranges_start_at_rows_even_when_line_feeds_hide_in_quotes()
    {
        var path = QuotedNewlines(300, out var expected);
        var options = new CsvReadOptions { Schema = Schema };

        var ranges = CsvReader.SplitRanges(path, 100, options);

        Assert.True(ranges.Count > 20);
        Assert.Equal(0, ranges[0].Start);
        Assert.Equal(new FileInfo(path).Length, ranges[^1].End);
        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.Equal(expected, Rows(ranges.SelectMany(r => CsvReader.ReadRange(r, Schema, options))));
    }

    [Fact]
    public void A_file_without_quotes_is_cut_after_the_line_feed_past_each_target()
    {
        var path = _files.Write("plain.csv", "id,text\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i},abcdefgh\n")));

        var ranges = CsvReader.SplitRanges(path, 50, new CsvReadOptions { Schema = Schema });

        var bytes = File.ReadAllBytes(path);
        Assert.All(ranges.Skip(1), r => Assert.Equal((byte)'\n', bytes[r.Start - 1]));
        const int header = 8;
        Assert.All(ranges.SkipLast(1), r => Assert.InRange(r.Length - (r.IsFirst ? header : 0), 50, 50 + 11));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(64, 4)]
    [InlineData(1000, 3)]
    public void Parallel_reads_of_guessed_ranges_recover_from_cuts_inside_quotes(int rangeBytes, int parallelism)
    {
        var path = QuotedNewlines(500, out var expected);

        var rows = ReadAll(path, new CsvReadOptions { Schema = Schema, RangeBytes = rangeBytes, Parallelism = parallelism, BatchRows = 33 });

        Assert.Equal(expected, rows);
    }

    [Fact]
    public void A_range_reads_the_rows_that_start_in_it_and_projects_them()
    {
        var path = _files.Write("r.csv", "id,text\n1,a\n2,b\n3,c\n4,d\n");
        var start = "id,text\n1,a\n".Length;
        var options = new CsvReadOptions { Schema = Schema, Columns = ["text"] };

        // [start, start + 1) holds only the first byte of row 2, which therefore belongs to this range.
        var rows = Rows(CsvReader.ReadRange(new CsvFileRange(path, start, start + 1, false), Schema, options));

        Assert.Equal([["b"]], rows);
        Assert.Equal(["text"], CsvReader.ProjectSchema(Schema, options).Fields.Select(f => f.Name));
    }

    [Fact]
    public void Rows_longer_than_the_read_buffer_grow_it()
    {
        var big = new string('x', 5000);
        var path = _files.Write("long.csv", $"id,text\n1,{big}\n2,\"{big}\n{big}\"\n3,short\n");
        var plan = CsvReadPlan.Create(Schema, new CsvReadOptions { Schema = Schema });

        using var parser = new CsvRangeParser(plan, new CsvFileRange(path, 0, new FileInfo(path).Length, true), new CsvLineLocator(path), readBytes: 256);
        var rows = Rows(Batches(parser));

        Assert.Equal([[1L, big], [2L, big + "\n" + big], [3L, "short"]], rows);
    }

    [Fact]
    public void A_range_whose_end_falls_inside_a_quoted_field_reads_on_to_the_row_end()
    {
        var path = _files.Write("q.csv", "id,text\n1,\"a\nb\"\n2,c\n");
        var insideQuotes = "id,text\n1,\"a\n".Length;
        var plan = CsvReadPlan.Create(Schema, new CsvReadOptions { Schema = Schema });

        using var parser = new CsvRangeParser(plan, new CsvFileRange(path, 0, insideQuotes, true), new CsvLineLocator(path));
        var rows = Rows(Batches(parser));

        Assert.Equal([[1L, "a\nb"]], rows);
        Assert.Equal("id,text\n1,\"a\nb\"\n".Length, parser.ActualEnd);
    }

    [Fact]
    public void Tiny_reads_of_every_size_parse_the_same_rows()
    {
        var path = QuotedNewlines(60, out var expected);
        var plan = CsvReadPlan.Create(Schema, new CsvReadOptions { Schema = Schema, BatchRows = 5 });

        foreach (var chunkBytes in new[] { 1, 2, 3, 5, 8, 13, 31, 64, 100 })
        {
            using var parser = new CsvRangeParser(plan, new CsvFileRange(path, 0, new FileInfo(path).Length, true), new CsvLineLocator(path), readBytes: chunkBytes);
            Assert.Equal(expected, Rows(Batches(parser)));
        }
    }

    private static IEnumerable<RecordBatch> Batches(CsvRangeParser parser)
    {
        while (parser.Next() is { } batch)
            yield return batch;
    }

    [Fact]
    public void Wide_files_read_in_small_chunks()
    {
        const int columns = 3000;
        var header = string.Join(",", Enumerable.Range(0, columns).Select(c => $"c{c}"));
        var rows = Enumerable.Range(0, 120).Select(r => string.Join(",", Enumerable.Range(0, columns).Select(c => (r * columns + c).ToString()))).ToList();
        var path = _files.Write("wide.csv", header + "\n" + string.Join("\n", rows) + "\n");

        var scan = CsvReader.Open(path, new CsvReadOptions { Columns = ["c0", "c2999"] });
        var read = CsvTestFiles.Rows(scan.ReadBatches());

        Assert.Equal(columns, scan.FileSchema.Count);
        Assert.Equal(Enumerable.Range(0, 120).Select(r => new object?[] { (long)r * columns, (long)r * columns + columns - 1 }), read);
    }

    [Fact]
    public void A_quoted_field_longer_than_the_speculation_limit_is_read_whole()
    {
        var huge = string.Concat(Enumerable.Repeat("line,with \"\"quotes\"\"\n", 120_000)); // about 2.6 MB
        // Small rows first, so the huge field starts in a range whose start was guessed (and right).
        var before = string.Concat(Enumerable.Range(0, 60_000).Select(i => $"{i},small\n"));
        var path = _files.Write("huge.csv", $"id,text\n{before}-1,\"{huge}\"\n-2,b\n");

        var rows = CsvTestFiles.ReadAll(path, new CsvReadOptions { Schema = Schema, RangeBytes = 256 * 1024, Parallelism = 2 });

        Assert.Equal(60_002, rows.Count);
        Assert.Equal(huge.Replace("\"\"", "\""), rows[60_000][1]);
        Assert.Equal([-2L, "b"], rows[^1]);
    }
}
