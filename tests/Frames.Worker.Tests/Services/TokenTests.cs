using FramesNet.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Tests.TestSupport;

namespace FramesNet.Worker.Tests.Services;

public class TokenTests
{
    private const string Token = "s3cret-token";

    public static TheoryData<string> Methods => ["FetchPartition", "PutPartition", "SharePartition", "Health", "ListFiles", "DescribeFiles"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Every_Worker_method_refuses_a_call_without_the_token(string method)
    {
        await using var scheduler = await FakeScheduler.StartAsync(token: Token);
        await using var worker = await TestWorker.StartAsync(o => o with { Token = Token }, scheduler);
        using var anonymous = RpcChannel.Create(worker.Host.Address);
        using var wrong = RpcChannel.Create(worker.Host.Address, new RpcChannelOptions { BearerToken = "wrong" });

        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => Call(anonymous, method))).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => Call(wrong, method))).StatusCode);
        // With the token the call gets through to the handler (which may still say NOT_FOUND and so on).
        var withToken = await Record.ExceptionAsync(() => Call(worker.Channel, method));
        Assert.False(withToken is RpcException { StatusCode: StatusCode.Unauthenticated }, withToken?.Message);
    }

    [Fact]
    public async Task The_worker_sends_the_token_to_the_scheduler()
    {
        await using var scheduler = await FakeScheduler.StartAsync(token: Token);

        await using var worker = await TestWorker.StartAsync(o => o with { Token = Token }, scheduler);

        Assert.Single(scheduler.Registered.All);
        Assert.False(worker.Host.WorkerId.IsNone);
    }

    [Fact]
    public async Task A_scheduler_that_refuses_the_token_is_reported_at_once()
    {
        await using var scheduler = await FakeScheduler.StartAsync(token: Token);

        var error = await Assert.ThrowsAsync<Worker.Connection.SchedulerUnreachableException>(() =>
            WorkerHost.StartAsync(new WorkerOptions { Scheduler = scheduler.Address, Token = "wrong", ConnectTimeout = TimeSpan.FromSeconds(30) }));

        Assert.Contains("refused", error.Message);
        Assert.Contains("Unauthenticated", error.Message);
    }

    private static async Task Call(GrpcChannel channel, string method)
    {
        switch (method)
        {
            case "FetchPartition":
                using (var call = WorkerApi.Client(channel).FetchPartition(new FetchPartitionRequest { Partition = new() { Task = "t" } }))
                    await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
                break;
            case "PutPartition":
                await Cluster.PartitionTransfer.PutAsync(channel, new Physical.PartitionRef(new Physical.TaskKey("t")), TestBatches.Schema, [], default);
                break;
            case "SharePartition":
                using (var call = WorkerApi.Client(channel).SharePartition(new SharePartitionRequest { Partition = new() { Task = "t" }, Machine = "m" }))
                    await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
                break;
            case "Health":
                await WorkerApi.Client(channel).HealthAsync(new HealthRequest()).ResponseAsync;
                break;
            case "ListFiles":
                await WorkerApi.Client(channel).ListFilesAsync(new ListFilesRequest { Pattern = "/nonexistent/*.csv" }).ResponseAsync;
                break;
            case "DescribeFiles":
                await WorkerApi.Client(channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { "/nonexistent/a.csv" } }).ResponseAsync;
                break;
            default:
                throw new ArgumentException(method);
        }
    }
}
