using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>With --token-file, every RPC of either daemon needs the cluster's bearer token.</summary>
public class TokenTests : IDisposable
{
    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"frames-token-{Guid.NewGuid():N}");

    [Fact]
    public async Task Every_call_without_the_right_token_is_unauthenticated_and_with_it_works()
    {
        File.WriteAllText(_tokenFile, "s3cret-token\n");
        await using var local = await LocalCluster.StartAsync(1, new LocalClusterOptions { StartTimeout = Patience.Wait, TokenFile = _tokenFile });
        await using var cluster = await local.ConnectAsync();
        var worker = (await cluster.StatusAsync()).Workers.Single().Address;

        foreach (var token in new string?[] { null, "wrong" })
        {
            using var scheduler = RpcChannel.Create(local.Url, new RpcChannelOptions { BearerToken = token });
            using var peer = RpcChannel.Create(worker, new RpcChannelOptions { BearerToken = token });
            var calls = new (string Name, Func<Task> Call)[]
            {
                ("Scheduler.GetStatus", () => SchedulerApi.Client(scheduler).GetStatusAsync(new StatusRequest()).ResponseAsync),
                ("Scheduler.ListFiles", () => SchedulerApi.Client(scheduler).ListFilesAsync(new ListFilesRequest { Pattern = "/tmp/*.csv" }).ResponseAsync),
                ("Scheduler.DescribeFiles", () => SchedulerApi.Client(scheduler).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv" }).ResponseAsync),
                ("Scheduler.Cancel", () => SchedulerApi.Client(scheduler).CancelAsync(new CancelRequest { Job = "x" }).ResponseAsync),
                ("Scheduler.ReleaseResults", () => SchedulerApi.Client(scheduler).ReleaseResultsAsync(new ReleaseResultsRequest { Job = "x" }).ResponseAsync),
                ("Scheduler.RegisterWorker", () => SchedulerApi.Client(scheduler).RegisterWorkerAsync(new RegisterWorkerRequest { HostName = "intruder" }).ResponseAsync),
                ("Scheduler.SubmitGraph", async () =>
                {
                    using var call = SchedulerApi.Client(scheduler).SubmitGraph(new SubmitGraphRequest());
                    await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
                }),
                ("Scheduler.Connect", async () =>
                {
                    using var call = SchedulerApi.Client(scheduler).Connect();
                    await call.RequestStream.WriteAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = "intruder" } });
                    await call.RequestStream.CompleteAsync();
                    await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
                }),
                ("Worker.Health", () => WorkerApi.Client(peer).HealthAsync(new HealthRequest()).ResponseAsync),
                ("Worker.ListFiles", () => WorkerApi.Client(peer).ListFilesAsync(new ListFilesRequest { Pattern = "/tmp/*.csv" }).ResponseAsync),
                ("Worker.DescribeFiles", () => WorkerApi.Client(peer).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv" }).ResponseAsync),
                ("Worker.FetchPartition", async () =>
                {
                    using var call = WorkerApi.Client(peer).FetchPartition(new FetchPartitionRequest { Partition = new Rpc.Protocol.PartitionRef { Task = "x" } });
                    await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
                }),
                ("Worker.PutPartition", async () =>
                {
                    using var call = WorkerApi.Client(peer).PutPartition();
                    await call.RequestStream.CompleteAsync();
                    await call.ResponseAsync;
                }),
            };
            foreach (var (name, call) in calls)
            {
                var error = await Assert.ThrowsAsync<RpcException>(call);
                Assert.True(error.StatusCode == StatusCode.Unauthenticated, $"{name} with token '{token ?? "(none)"}' answered {error.StatusCode}: {error.Detail}");
            }
        }
        Assert.Single((await cluster.StatusAsync()).Workers);
    }

    public void Dispose() => File.Delete(_tokenFile);
}
