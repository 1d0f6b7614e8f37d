using FramesNet.Query;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>The benchmark queries on a real two-worker cluster (processes on loopback) give the published answers.</summary>
public class ClusterQueryTests : IClassFixture<TwoWorkerCluster>
{
    private readonly TwoWorkerCluster _fixture;

    public ClusterQueryTests(TwoWorkerCluster fixture) => _fixture = fixture;

    public static TheoryData<string> Queries() => new(BenchmarkQueries.Names);

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_answers_exactly_on_the_cluster(string query)
    {
        var cluster = await _fixture.ClientAsync();

        var table = await ClusterQueries.Query(cluster, query, BenchData.SmallFolder).CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(Answers.Small(query), CanonicalJson.Format(query, table));
    }

    [Fact]
    public async Task Shuffles_answer_exactly_when_every_partition_is_streamed_over_grpc()
    {
        // No share folder: workers exchange shuffle buckets, and the client gathers, over FetchPartition streams
        // (decoded while they arrive), as on a cluster of several machines.
        await using var local = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait, ShareDirectory = "none" });
        await using var cluster = await local.ConnectAsync();

        foreach (var query in new[] { "Q2", "Q3" })
        {
            var table = await ClusterQueries.Query(cluster, query, BenchData.SmallFolder).CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.Equal(Answers.Small(query), CanonicalJson.Format(query, table));
        }
    }
}

/// <summary>One local cluster shared by a test class (starting processes costs about a second).</summary>
public sealed class TwoWorkerCluster : IAsyncLifetime
{
    private LocalCluster? _local;
    private Cluster? _client;

    public async Task InitializeAsync() => _local = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait });

    public async Task<Cluster> ClientAsync() => _client ??= await _local!.ConnectAsync();

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_local is not null)
            await _local.DisposeAsync();
    }
}
