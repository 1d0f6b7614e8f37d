using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>A task that kills every worker that runs it fails the job after three tries, and says how each worker died.</summary>
public class PoisonTaskTests
{
    [Fact]
    public async Task A_task_that_keeps_killing_workers_fails_the_job_after_three_tries()
    {
        // Every worker crashes (FailFast, like a segfault) when it starts a task reading trips-002.csv.
        await using var local = await LocalCluster.StartAsync(3, new LocalClusterOptions
        {
            StartTimeout = Patience.Wait,
            HeartbeatMilliseconds = 200,
            SchedulerLog = Console.Out,
            WorkerEnvironment = new Dictionary<string, string> { ["FRAMES_FAULT_CRASH_ON_FILE"] = "trips-002.csv" },
        });
        await using var cluster = await local.ConnectAsync();

        var error = await Assert.ThrowsAsync<ClusterJobException>(() => ClusterQueries.Query(cluster, "Q1", BenchData.SmallFolder).CollectAsync().WaitAsync(TimeSpan.FromMinutes(3)));

        // The scheduler sees a connection break before the dying process is reaped, so wait for each exit.
        foreach (var worker in local.Workers)
            Assert.True(await worker.WaitForExitAsync(Patience.Wait), $"{worker.Name} is still running");
        Assert.Contains(error.Task, error.Message);
        Assert.Contains("3", error.Message);
        foreach (var worker in local.Workers)
            Assert.Contains(worker.Name, error.Message);
        Assert.Contains("connection", error.Message);
    }
}
