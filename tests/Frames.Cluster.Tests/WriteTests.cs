using FramesNet.Formats.Csv;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// WriteArrow and WriteCsv on a cluster: the workers write the part files, and the client gathers the list of
/// files and row counts (a partition whose columns are not the pipeline's). Found by the differential oracle:
/// every write on a cluster failed while the client gathered that list.
/// </summary>
public sealed class WriteTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-cluster-write-").FullName;

    [Fact]
    public async Task Writes_on_a_cluster_list_their_files_and_read_back_to_the_same_rows()
    {
        var input = Path.Combine(_folder, "in.csv");
        await File.WriteAllTextAsync(input, "id,name\n" + string.Join("\n", Enumerable.Range(0, 50).Select(i => $"{i},\"n{i % 7}\"")) + "\n");
        var options = new CsvReadOptions { Schema = new Columns.Schema(new Columns.Field("id", Columns.DataType.Int64), new Columns.Field("name", Columns.DataType.Utf8)) };
        var expected = ReadCsv(input, options).Filter(Col("id") % 3 == 0).Collect().Select(r => r.ToString()).ToList();

        await using var local = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait });
        await using var cluster = await local.ConnectAsync();
        var frame = cluster.ReadCsv(input, options).Filter(Col("id") % 3 == 0);

        var arrow = frame.WriteArrow(Path.Combine(_folder, "arrow"));
        var csv = frame.WriteCsv(Path.Combine(_folder, "csv"));

        Assert.Equal(expected.Count, arrow.Sum(r => (long)r["rows"]!));
        Assert.Equal(expected.Count, csv.Sum(r => (long)r["rows"]!));
        Assert.All(arrow.Concat(csv), r => Assert.True(File.Exists((string)r["path"]!)));
        Assert.Equal(expected, ReadArrow(Path.Combine(_folder, "arrow", "part-*.arrow")).Collect().Select(r => r.ToString()));
        Assert.Equal(expected, ReadCsv(Path.Combine(_folder, "csv", "part-*.csv"), options).Collect().Select(r => r.ToString()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
