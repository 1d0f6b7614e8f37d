using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc;
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
                ("Scheduler.GetStatus", () => scheduler.UnaryAsync(SchedulerApi.GetStatus, new StatusRequest())),
                ("Scheduler.ListFiles", () => scheduler.UnaryAsync(SchedulerApi.ListFiles, new ListFilesRequest { Pattern = "/tmp/*.csv" })),
                ("Scheduler.DescribeFiles", () => scheduler.UnaryAsync(SchedulerApi.DescribeFiles, new DescribeFilesRequest { Format = "csv" })),
                ("Scheduler.Cancel", () => scheduler.UnaryAsync(SchedulerApi.Cancel, new CancelRequest { Job = "x" })),
                ("Scheduler.ReleaseResults", () => scheduler.UnaryAsync(SchedulerApi.ReleaseResults, new ReleaseResultsRequest { Job = "x" })),
                ("Scheduler.RegisterWorker", () => scheduler.UnaryAsync(SchedulerApi.RegisterWorker, new RegisterWorkerRequest { HostName = "intruder" })),
                ("Scheduler.SubmitGraph", async () =>
                {
                    using var call = scheduler.ServerStreaming(SchedulerApi.SubmitGraph, new SubmitGraphRequest());
                    await foreach (var _ in call.ReadAllAsync()) { }
                }),
                ("Scheduler.Connect", async () =>
                {
                    using var call = scheduler.DuplexStreaming(SchedulerApi.Connect);
                    await call.RequestStream.WriteAsync(new WorkerMessage { Hello = new WorkerHello { WorkerId = "intruder" } });
                    await call.RequestStream.CompleteAsync();
                    await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
                }),
                ("Worker.Health", () => peer.UnaryAsync(WorkerApi.Health, new HealthRequest())),
                ("Worker.ListFiles", () => peer.UnaryAsync(WorkerApi.ListFiles, new ListFilesRequest { Pattern = "/tmp/*.csv" })),
                ("Worker.DescribeFiles", () => peer.UnaryAsync(WorkerApi.DescribeFiles, new DescribeFilesRequest { Format = "csv" })),
                ("Worker.FetchPartition", async () =>
                {
                    using var call = peer.ServerStreaming(WorkerApi.FetchPartition, new FetchPartitionRequest { Partition = new Rpc.Protocol.PartitionRef { Task = "x" } });
                    await foreach (var _ in call.ReadAllAsync()) { }
                }),
                ("Worker.PutPartition", async () =>
                {
                    using var call = peer.ClientStreaming(WorkerApi.PutPartition);
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
