using FramesNet.Formats;
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

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
