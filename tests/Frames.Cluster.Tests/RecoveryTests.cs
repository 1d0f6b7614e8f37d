using System.Collections.Concurrent;
using FramesNet.Query;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>A worker that dies mid-job costs time, never the answer.</summary>
public class RecoveryTests
{
    [Fact]
    public async Task Killing_one_of_two_workers_in_the_middle_of_Q3_still_gives_the_exact_answer()
    {
        await using var local = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait, HeartbeatMilliseconds = 200 });
        var events = new ConcurrentQueue<ClusterTaskEvent>();
        DaemonProcess? victim = null;
        var options = new ClusterOptions
        {
            TaskEvents = true,
            OnTaskEvent = e =>
            {
                events.Enqueue(e);
                // The first task to finish marks the middle of the job: its worker dies with that output.
                if (e.Kind == "finished" && victim is null)
                {
                    victim = local.Workers.Single(w => w.Name == e.WorkerId);
                    victim.Kill();
                }
            },
        };
        await using var cluster = await local.ConnectAsync(options);

        var table = await ClusterQueries.Query(cluster, "Q3", BenchData.SmallFolder).CollectAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.NotNull(victim);
        Assert.True(victim!.HasExited);
        Assert.Equal(Answers.Small("Q3"), CanonicalJson.Format("Q3", table));
        Assert.Contains(events, e => e.Kind == "rescheduled");
        var survivor = local.Workers.Single(w => w != victim).Name;
        Assert.Contains(events, e => e.Kind == "finished" && e.WorkerId == survivor);
    }
}
