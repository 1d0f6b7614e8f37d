using FramesNet.Cluster;
using FramesNet.Physical;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Worker.Tests.TestSupport;
using PartitionRef = FramesNet.Physical.PartitionRef;

namespace FramesNet.Worker.Tests.Services;

/// <summary>PartitionFetcher: the shared file from a worker on this machine, the stream from any other, and which one it asks first.</summary>
public class PartitionFetcherTests
{
    private static readonly PartitionRef Key = new(new TaskKey("t"), 0);

    [Fact]
    public async Task A_worker_on_this_machine_hands_the_partition_over_as_a_file()
    {
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path });
        var sent = TestBatches.Many(3, 50_000);
        await PartitionTransfer.PutAsync(worker.Channel, Key, TestBatches.Schema, sent, default);

        var received = await new PartitionFetcher().FetchAsync(worker.Host.Address.ToString(), worker.Channel, Key, default);

        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(received));
        Assert.Equal(TestBatches.Names(sent), TestBatches.Names(received));
        Assert.EndsWith(PartitionTransfer.RecycledSuffix, Assert.Single(Directory.EnumerateFiles(share.Path, "*", SearchOption.AllDirectories)));
    }

    [Fact]
    public async Task A_partition_without_room_in_the_share_folder_is_streamed_and_the_next_one_asked_for_again()
    {
        using var share = new TestFolder();
        // A reserve no filesystem has: nothing fits.
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path, ShareReserve = long.MaxValue / 2 });
        var sent = TestBatches.Many(2, 10_000);
        await PartitionTransfer.PutAsync(worker.Channel, Key, TestBatches.Schema, sent, default);
        var fetcher = new PartitionFetcher();
        var reasons = new List<string>();

        var first = await fetcher.FetchAsync(worker.Host.Address.ToString(), worker.Channel, Key, default, reasons.Add);
        var second = await fetcher.FetchAsync(worker.Host.Address.ToString(), worker.Channel, Key, default, reasons.Add);

        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(first));
        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(second));
        Assert.Equal(2, reasons.Count);
        Assert.All(reasons, r => Assert.Contains("bytes free", r));
        Assert.Empty(Directory.EnumerateFiles(share.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_worker_that_refuses_to_share_is_streamed_from_and_not_asked_again()
    {
        var sent = TestBatches.Many(2, 1_000);
        var (shareCalls, fetchCalls) = (0, 0);
        var services = new WorkerStub
        {
            Share = (_, _, _) =>
            {
                Interlocked.Increment(ref shareCalls);
                throw new RpcException(new Status(StatusCode.FailedPrecondition, "not on this machine"));
            },
            Fetch = (_, chunks, context) =>
            {
                Interlocked.Increment(ref fetchCalls);
                return PartitionTransfer.WriteAsync(TestBatches.Schema, sent, chunks, null, context.CancellationToken);
            },
        }.Services();
        await using var server = await RpcServer.StartAsync(services);
        using var channel = Rpc.Client.RpcChannel.Create(server.Address);
        var fetcher = new PartitionFetcher();

        var first = await fetcher.FetchAsync(server.Address.ToString(), channel, Key, default);
        var second = await fetcher.FetchAsync(server.Address.ToString(), channel, Key, default);

        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(first));
        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(second));
        Assert.Equal((1, 2), (shareCalls, fetchCalls));
    }

    [Fact]
    public async Task A_shared_file_that_fails_is_reported_and_the_same_worker_streams_it()
    {
        var sent = TestBatches.Many(2, 1_000);
        var services = new WorkerStub
        {
            Share = (_, replies, _) => replies.WriteAsync(new SharePartitionReply { Path = "/proc/self/status", Bytes = 1 << 20, Complete = true, Written = 1 << 20 }),
            Fetch = (_, chunks, context) => PartitionTransfer.WriteAsync(TestBatches.Schema, sent, chunks, null, context.CancellationToken),
        }.Services();
        await using var server = await RpcServer.StartAsync(services);
        using var channel = Rpc.Client.RpcChannel.Create(server.Address);
        var reasons = new List<string>();

        var received = await new PartitionFetcher().FetchAsync(server.Address.ToString(), channel, Key, default, reasons.Add);

        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(received));
        Assert.Contains("/proc/self/status", Assert.Single(reasons));
    }
}
