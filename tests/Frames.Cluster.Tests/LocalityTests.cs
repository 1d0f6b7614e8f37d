using System.Collections.Concurrent;
using FramesNet.Query;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>Scans run where their files are: two workers with different data roots, each holding part of the dataset.</summary>
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

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
