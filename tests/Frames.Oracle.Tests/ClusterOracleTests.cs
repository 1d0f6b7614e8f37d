using FramesNet.Cluster;
using FramesNet.Oracle.Tests.Checking;
using FramesNet.Tests.TestSupport;
using Xunit.Abstractions;

namespace FramesNet.Oracle.Tests;

/// <summary>
/// The oracle's cases on a local cluster of real scheduler and worker processes (one cluster for all cases):
/// scans, shuffles, broadcasts and result gathering cross processes; results also go through WriteArrow and
/// WriteCsv run by the workers.
/// </summary>
[Trait("Category", "Slow")] // 25 cases by default, 400 with FRAMES_TEST_TIER=slow
public class ClusterOracleTests(OracleCluster fixture, ITestOutputHelper output) : IClassFixture<OracleCluster>
{
    [Fact]
    public async Task Random_plans_agree_with_duckdb_on_a_cluster()
    {
        await using var cluster = await fixture.Local.ConnectAsync();
        var report = new OracleRun(new ClusterTarget(cluster), nameof(ClusterOracleTests)).Execute(2_000_000, OracleCounts.Cases(TestTier.Count(25, 400)));
        output.WriteLine(report.Summary);
        Assert.True(report.Failures.Count == 0, report.Summary + "\n\n" + string.Join("\n", report.Failures));
        Assert.True(report.Passed > 0, report.Summary);
    }
}

/// <summary>A two-worker local cluster started once for the class.</summary>
public sealed class OracleCluster : IAsyncLifetime
{
    private LocalCluster? _local;

    internal LocalCluster Local => _local ?? throw new InvalidOperationException("the cluster has not started");

    public async Task InitializeAsync() => _local = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait });

    public async Task DisposeAsync()
    {
        if (_local is not null)
            await _local.DisposeAsync();
        _local = null;
    }
}
