using System.Net;
using FramesNet.Cluster.Tests.TestSupport;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// A worker has one name (its --host-name, or the machine's) and one id (w-N): the scheduler's log, the
/// worker's own log, status and messages all name it by that pair, never by another scheme.
/// </summary>
public sealed class WorkerNameTests
{
    [Fact]
    public async Task Scheduler_log_worker_log_and_status_name_a_worker_by_its_id_and_host_name()
    {
        await using var daemons = await Daemons.StartSchedulerAsync();
        var worker = daemons.StartWorker("--host-name", "node-7");
        await using var cluster = await Cluster.ConnectAsync(daemons.Url);
        var status = await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 1, "the worker to register");
        await worker.WaitForLineAsync(" connected worker=");
        worker.Kill();
        await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 0, "the killed worker to be removed");
        await daemons.Scheduler.WaitForLineAsync(" worker_removed ");

        Assert.Equal(("w-1", "node-7"), (status.Workers[0].WorkerId, status.Workers[0].Host));
        var schedulerLines = Lines(daemons.Scheduler.Stdout, "worker=");
        Assert.Equal(["worker_registered", "worker_connected", "worker_removed"], schedulerLines.Select(l => l.Split(' ')[3]));
        Assert.All(schedulerLines, l => Assert.Contains(" worker=w-1 host=node-7 ", l));
        var workerLines = Lines(worker.Stderr, "worker=");
        Assert.Equal(["registered", "connected"], workerLines.Select(l => l.Split(' ')[3]));
        Assert.All(workerLines, l => Assert.Contains(" worker=w-1 host=node-7 ", l));
        Assert.Contains(" host=node-7 ", Assert.Single(Lines(worker.Stderr, " listening ")));
        Assert.DoesNotContain("worker-", daemons.Scheduler.Stdout + worker.Stderr);
    }

    [Fact]
    public async Task A_worker_asks_for_an_id_and_gets_it_unless_taken()
    {
        await using var daemons = await Daemons.StartSchedulerAsync();
        daemons.StartWorker("--id", "w-5", "--host-name", "first");
        await using var cluster = await Cluster.ConnectAsync(daemons.Url);
        await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 1, "the first worker");
        daemons.StartWorker("--id", "w-5", "--host-name", "second");

        var status = await daemons.WaitForStatusAsync(cluster, s => s.Workers.Count == 2, "the second worker");

        Assert.Equal([("w-5", "first"), ("w-6", "second")], status.Workers.Select(w => (w.WorkerId, w.Host)).OrderBy(w => w.WorkerId));
    }

    [Fact]
    public async Task A_local_clusters_worker_processes_go_by_the_ids_the_scheduler_knows_them_by_on_this_machines_name()
    {
        await using var local = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait });
        await using var cluster = await local.ConnectAsync();

        var status = await cluster.StatusAsync();

        Assert.Equal(["w-1", "w-2"], local.Workers.Select(w => w.Name));
        Assert.Equal(["w-1", "w-2"], status.Workers.Select(w => w.WorkerId).Order());
        Assert.All(status.Workers, w => Assert.Equal(Dns.GetHostName(), w.Host));
    }

    private static List<string> Lines(string output, string containing) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r') + " ").Where(l => l.Contains(containing, StringComparison.Ordinal))];
}
