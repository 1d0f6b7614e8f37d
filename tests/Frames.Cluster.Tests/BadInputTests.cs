using FramesNet.Columns;
using FramesNet.Formats.Csv;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Cluster.Tests;

/// <summary>Bad data on a worker fails the job with a message naming file, line and column; the cluster keeps serving.</summary>
public class BadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-bad-input-").FullName;

    [Fact]
    public async Task A_malformed_csv_fails_its_job_naming_file_line_and_column_and_the_next_job_runs()
    {
        var bad = Path.Combine(_folder, "bad", "trips.csv");
        var good = Path.Combine(_folder, "good", "trips.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        Directory.CreateDirectory(Path.GetDirectoryName(good)!);
        File.WriteAllText(bad, "id,fare\n1,2.5\n2,lots\n3,4.0\n");
        File.WriteAllText(good, "id,fare\n1,2.5\n2,3.5\n3,4.0\n");
        var options = new CsvReadOptions { Schema = new Schema([new Field("id", DataType.Int64), new Field("fare", DataType.Float64)]) };
        await using var local = await LocalCluster.StartAsync(1, new LocalClusterOptions { StartTimeout = Patience.Wait });
        await using var cluster = await local.ConnectAsync();

        var error = await Assert.ThrowsAsync<ClusterJobException>(() =>
            cluster.ReadCsv(bad, options).Agg(Col("fare").Sum().Alias("total")).CollectAsync().WaitAsync(Patience.Wait));
        var total = await cluster.ReadCsv(good, options).Agg(Col("fare").Sum().Alias("total")).CollectAsync().WaitAsync(Patience.Wait);

        // The worker's path (absolute), line, field number and column name, as the CSV reader says it.
        Assert.Contains($"{bad}:3: field 2 ('fare'): expected float64, found \"lots\"", error.Message);
        Assert.Equal(10.0, total.Get<double>(0, "total"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
