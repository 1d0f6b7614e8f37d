using FramesNet.Cluster.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// A job whose workers are all gone does not wait for ever: the scheduler fails it after --no-workers-timeout,
/// and a client's ClusterOptions.JobTimeout cancels it. Real daemons; the clocks only trigger, the tests assert what is said.
/// </summary>
public sealed class NoWorkersTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-no-workers-").FullName;

    [Fact]
    public async Task A_job_whose_only_worker_was_killed_fails_after_the_schedulers_no_workers_timeout()
    {
        await using var daemons = await Daemons.StartSchedulerAsync("--no-workers-timeout", "1s");
        var worker = daemons.StartWorker("--host-name", "node-7");
        await using var cluster = await Cluster.ConnectAsync(daemons.Url);
        var frame = await ReadAsync(daemons, cluster);
        worker.Kill();

        var error = await Assert.ThrowsAsync<ClusterJobException>(() => frame.CollectAsync());

        Assert.Matches(@"^no worker has been connected for \d+ s \(the last: w-1 \(host node-7\) (connection broken|missed 3 heartbeats)\); the job's \d+ tasks cannot run\. "
            + "Start frames-worker processes with --scheduler pointing at this scheduler", error.Message);
        Assert.Empty((await cluster.StatusAsync()).Jobs);
    }

    [Fact]
    public async Task The_clients_job_timeout_cancels_a_job_that_cannot_finish()
    {
        await using var daemons = await Daemons.StartSchedulerAsync("--no-workers-timeout", "never");
        var worker = daemons.StartWorker();
        await using var cluster = await Cluster.ConnectAsync(daemons.Url, new ClusterOptions { JobTimeout = TimeSpan.FromSeconds(2) });
        var frame = await ReadAsync(daemons, cluster);
        worker.Kill();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => frame.CollectAsync());

        Assert.Matches(@"^job j-1 did not finish within 2 s \(ClusterOptions\.JobTimeout\) with 0 of \d+ tasks done; it was cancelled$", error.Message);
        await daemons.WaitForStatusAsync(cluster, s => s.Jobs.Count == 0, "the cancelled job to be gone");
    }

    /// <summary>A small grouped CSV read through the cluster (its worker must be registered to list the file).</summary>
    private async Task<DataFrame> ReadAsync(Daemons daemons, Cluster cluster)
    {
        var path = Path.Combine(_folder, "trips.csv");
        File.WriteAllText(path, "vendor,fare\na,1.5\nb,2.5\na,3.0\n");
        await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 1, "the worker to register");
        return (await cluster.ReadCsvAsync(path)).GroupBy("vendor").Agg(Frames.Count().Alias("n"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
