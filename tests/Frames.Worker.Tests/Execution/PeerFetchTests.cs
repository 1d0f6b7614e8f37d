using FramesNet.Cluster;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Tests.TestSupport;
using Case = FramesNet.Rpc.Protocol.WorkerMessage.MessageOneofCase;

namespace FramesNet.Worker.Tests.Execution;

/// <summary>Two workers: tasks on one read the partitions the other computed, fetched over the Worker service.</summary>
public class PeerFetchTests
{
    [Fact]
    public async Task A_task_reads_its_inputs_from_the_peer_that_holds_them_with_the_cluster_token()
    {
        const string token = "cluster-token";
        await using var scheduler = await FakeScheduler.StartAsync(token: token);
        await using var a = await TestWorker.StartAsync(o => o with { Token = token, HostName = "a" }, scheduler);
        await using var b = await TestWorker.StartAsync(o => o with { Token = token, HostName = "b" }, scheduler);
        var graph = Graphs.FilteredSums(partitions: 3).BuildGraph();
        var stages = graph.Tasks.GroupBy(t => t.Stage).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();

        // The first stage on A; every later stage on B, reading the earlier stages wherever they are.
        await RunAllAsync(a.Session, stages[0].Select(t => Graphs.Run(t)));
        foreach (var stage in stages.Skip(1))
            await RunAllAsync(b.Session, stage.Select(t => Graphs.Run(t, "job-1", a.Host.Address.ToString(), b.Host.Address.ToString())));

        var result = graph.Outputs.Single();
        Assert.True(b.Host.Store.Contains(result));
        var (_, batches) = await PartitionTransfer.FetchAsync(b.Channel, result, default);
        Assert.Equal(Graphs.ExpectedSums(), Graphs.Sums(batches));
    }

    [Fact]
    public async Task An_input_on_a_peer_that_is_gone_is_reported_missing()
    {
        await using var scheduler = await FakeScheduler.StartAsync();
        var a = await TestWorker.StartAsync(scheduler: scheduler);
        await using var b = await TestWorker.StartAsync(scheduler: scheduler);
        var graph = Graphs.FilteredSums(partitions: 2).BuildGraph();
        var first = graph.Tasks.Where(t => t.Stage == 0).ToList();
        await RunAllAsync(a.Session, first.Select(t => Graphs.Run(t)));
        var consumer = graph.Tasks.First(t => t.Inputs.Count > 0);
        var gone = a.Host.Address.ToString();
        await a.DisposeAsync();

        await b.Session.SendAsync(new SchedulerMessage { Run = new RunTasks { Tasks = { Graphs.Run(consumer, "job-1", gone) } } });
        WorkerMessage failed;
        do
            failed = await b.Session.NextAsync();
        while (failed.MessageCase != Case.Failed);

        Assert.Equal(consumer.Key.Value, failed.Failed.Task);
        Assert.Equal(consumer.Inputs.Select(i => i.Task.Value).Order(), failed.Failed.MissingInputs.Select(m => m.Task).Order());
    }

    private static async Task RunAllAsync(FakeScheduler.Session session, IEnumerable<RunTask> tasks)
    {
        var run = new RunTasks();
        run.Tasks.AddRange(tasks);
        await session.SendAsync(new SchedulerMessage { Run = run });
        var open = run.Tasks.Select(t => t.Task).ToHashSet();
        while (open.Count > 0)
        {
            var message = await session.NextAsync();
            if (message.MessageCase == Case.Failed)
                Assert.Fail($"task failed: {message.Failed}");
            if (message.MessageCase == Case.Finished)
                open.ExceptWith(message.Finished.Tasks.Select(t => t.Task));
        }
    }
}
