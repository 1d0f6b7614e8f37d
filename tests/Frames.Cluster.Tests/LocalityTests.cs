using System.Collections.Concurrent;
using FramesNet.Query;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>Scans run where their files are (CSV and Parquet): two workers with different data roots, each holding part of the dataset.</summary>
public class LocalityTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"frames-locality-{Guid.NewGuid():N}");

    [Fact]
    public async Task Every_scan_runs_on_the_worker_that_holds_its_file_and_the_answer_is_exact()
    {
        // node-a holds trips 000-001 and the zones; node-b holds trips 002-003. One pattern covers both.
        var a = Directory.CreateDirectory(Path.Combine(_root, "node-a", "data")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(_root, "node-b", "data")).FullName;
        foreach (var (file, folder) in new[] { ("trips-000.csv", a), ("trips-001.csv", a), ("zones.csv", a), ("trips-002.csv", b), ("trips-003.csv", b) })
            File.Copy(Path.Combine(BenchData.SmallFolder, file), Path.Combine(folder, file));
        await using var local = await LocalCluster.StartAsync(2, new LocalClusterOptions
        {
            StartTimeout = Patience.Wait,
            DataRoots = [[Path.Combine(_root, "node-a")], [Path.Combine(_root, "node-b")]],
            HostNames = ["host-a", "host-b"],
        });
        var events = new ConcurrentQueue<ClusterTaskEvent>();
        await using var cluster = await local.ConnectAsync(new ClusterOptions { TaskEvents = true, OnTaskEvent = events.Enqueue });
        var pattern = Path.Combine(_root, "*", "data");

        var frame = ClusterQueries.Query(cluster, "Q3", pattern);
        var scans = frame.BuildGraph().Tasks.Where(t => t.Source is Physical.ScanPartition { FilePath: not null })
            .ToDictionary(t => t.Key.Value, t => ((Physical.ScanPartition)t.Source).FilePath!);
        var table = await frame.CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(Answers.Small("Q3"), CanonicalJson.Format("Q3", table));
        Assert.Equal(5, scans.Count);
        foreach (var (task, file) in scans)
        {
            var ran = events.Where(e => e.Task == task && e.Kind == "finished").Select(e => e.Host).ToList();
            Assert.Equal([file.Contains("node-a") ? "host-a" : "host-b"], ran);
        }
    }

    [Fact]
    public async Task Parquet_scans_run_on_the_worker_that_holds_their_file_and_row_groups_pruned_before_placement_make_no_task()
    {
        // node-a holds trips 000-001, node-b trips 002-003, as Parquet in row groups of 100,000 rows (3 per file).
        var a = Directory.CreateDirectory(Path.Combine(_root, "node-a", "data")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(_root, "node-b", "data")).FullName;
        for (var i = 0; i < 4; i++)
        {
            var parts = Path.Combine(_root, $"write-{i}");
            Frames.ReadCsv(Path.Combine(BenchData.SmallFolder, $"trips-{i:D3}.csv"))
                .WriteParquet(parts, new Formats.Parquet.ParquetWriteOptions { RowGroupRows = 100_000 });
            File.Move(Path.Combine(parts, "part-00000.parquet"), Path.Combine(i < 2 ? a : b, $"trips-{i:D3}.parquet"));
        }
        await using var local = await LocalCluster.StartAsync(2, new LocalClusterOptions
        {
            StartTimeout = Patience.Wait,
            DataRoots = [[Path.Combine(_root, "node-a")], [Path.Combine(_root, "node-b")]],
            HostNames = ["host-a", "host-b"],
        });
        var events = new ConcurrentQueue<ClusterTaskEvent>();
        await using var cluster = await local.ConnectAsync(new ClusterOptions { TaskEvents = true, OnTaskEvent = events.Enqueue });
        var trips = await cluster.ReadParquetAsync(Path.Combine(_root, "*", "data", "trips-*.parquet"));

        var all = trips.Agg(Frames.Count().Alias("n"));
        var late = trips.Filter(Frames.Col("trip_id") > 800_000).Agg(Frames.Count().Alias("n"));
        var allScans = Scans(all);
        var lateScans = Scans(late);
        var allRows = await all.CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var lateRows = await late.CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(1_000_000L, allRows.Single()["n"]);
        Assert.Equal(200_000L, lateRows.Single()["n"]);
        Assert.Contains("9 of 12 row groups skipped", late.Explain());
        Assert.Equal(["host-a", "host-b"], allScans.Values.Select(f => f.Contains("node-a") ? "host-a" : "host-b").Distinct().Order());
        Assert.All(lateScans.Values, file => Assert.EndsWith("trips-003.parquet", file));
        foreach (var (task, file) in allScans.Concat(lateScans))
        {
            var ran = events.Where(e => e.Task == task && e.Kind == "finished").Select(e => e.Host).ToList();
            Assert.Equal([file.Contains("node-a") ? "host-a" : "host-b"], ran);
        }
    }

    private static Dictionary<string, string> Scans(DataFrame frame) =>
        frame.BuildGraph().Tasks.Where(t => t.Source is Physical.ScanPartition { FilePath: not null })
            .ToDictionary(t => t.Key.Value, t => ((Physical.ScanPartition)t.Source).FilePath!);

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
