using System.Collections.Concurrent;
using FramesNet.Query;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>A worker that joins after a job was submitted receives its work (here: the work of one that hung).</summary>
public class LateWorkerTests
{
    [Fact]
    public async Task A_worker_joining_after_submission_runs_the_tasks_of_a_hung_one()
    {
        await using var local = await LocalCluster.StartAsync(1, new LocalClusterOptions { StartTimeout = Patience.Wait, HeartbeatMilliseconds = 200, SlotsPerWorker = 1 });
        var first = local.Workers[0];
        var events = new ConcurrentQueue<ClusterTaskEvent>();
        var started = new TaskCompletionSource();
        await using var cluster = await local.ConnectAsync(new ClusterOptions
        {
            TaskEvents = true,
            OnTaskEvent = e =>
            {
                events.Enqueue(e);
                if (e.Kind == "started")
                    started.TrySetResult();
            },
        });

        var job = ClusterQueries.Query(cluster, "Q5", BenchData.SmallFolder).CollectAsync();
        await started.Task.WaitAsync(Patience.Wait);
        first.Pause(); // hung: no heartbeats, no progress
        var late = await local.AddWorkerAsync();
        var table = await job.WaitAsync(TimeSpan.FromSeconds(120));
        first.Resume();

        Assert.Equal(Answers.Small("Q5"), CanonicalJson.Format("Q5", table));
        Assert.Contains(events, e => e.Kind == "finished" && e.WorkerId == late.Name);
        Assert.Contains(events, e => e.Kind == "rescheduled");
    }
}
