using FramesNet.Formats.Csv;
using FramesNet.Query;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// A client on the workers' machine gathers results through their share folders (files on a tmpfs); with
/// sharing off they are streamed. Either way the rows are the in-process ones, in order.
/// </summary>
public class ResultGatherTests : IDisposable
{
    private readonly string _share = Directory.CreateTempSubdirectory("frames-gather-").FullName;

    [Fact]
    public async Task Results_from_workers_on_this_machine_come_through_their_share_folders_and_match_the_stream()
    {
        // Every trip with a tip, unsorted: a scan and a filter, so no worker reads from another and every
        // shared file is one the client read. Several partitions are over the 4 MiB that are written whole,
        // so the client also reads files while their owners write them.
        var pattern = Path.Combine(BenchData.SmallFolder, "trips-00[01].csv");
        var expected = Rows(ReadCsv(pattern, new CsvReadOptions { Schema = BenchmarkQueries.Trips }).Filter(Col("tip") > 0).Collect());

        await using (var local = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait, ShareDirectory = _share }))
        {
            await using var cluster = await local.ConnectAsync();
            var tipped = Tipped(cluster, pattern);
            var table = await tipped.CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));

            Assert.Equal(expected, Rows(table));
            var fetcher = Fetcher(cluster);
            Assert.Equal((tipped.BuildGraph().Outputs.Count, 0), (fetcher.SharedReads, fetcher.StreamedReads));
            // What is left in the folder was handed back by the client (idle ones go after a while).
            Assert.All(Directory.EnumerateFiles(_share, "*", SearchOption.AllDirectories), f => Assert.EndsWith(PartitionTransfer.RecycledSuffix, f));
        }

        await using (var local = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait, ShareDirectory = "none" }))
        {
            await using var cluster = await local.ConnectAsync();
            var tipped = Tipped(cluster, pattern);
            var table = await tipped.CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));

            Assert.Equal(expected, Rows(table));
            var fetcher = Fetcher(cluster);
            Assert.Equal((0, tipped.BuildGraph().Outputs.Count), (fetcher.SharedReads, fetcher.StreamedReads));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_share));
    }

    private static DataFrame Tipped(Cluster cluster, string pattern) =>
        cluster.ReadCsv(pattern, new CsvReadOptions { Schema = BenchmarkQueries.Trips }).Filter(Col("tip") > 0);

    private static PartitionFetcher Fetcher(Cluster cluster) => ((ClusterExecutor)cluster.Context.Executor).Fetcher;

    private static List<string> Rows(Table table) => table.Select(row => row.ToString()).ToList();

    public void Dispose() => Directory.Delete(_share, recursive: true);
}
