using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Physical;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Tests.TestSupport;
using PartitionRef = FramesNet.Physical.PartitionRef;

namespace FramesNet.Worker.Tests.Services;

public class PartitionServiceTests
{
    private static PartitionRef Key(string task, int bucket = 0) => new(new TaskKey(task), bucket);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 1000)]
    public async Task Put_then_fetch_returns_the_same_rows(int batches, int rows)
    {
        await using var worker = await TestWorker.StartAsync();
        var sent = TestBatches.Many(batches, rows);

        var reply = await PartitionTransfer.PutAsync(worker.Channel, Key("t1", 2), TestBatches.Schema, sent, default);
        var (schema, received) = await PartitionTransfer.FetchAsync(worker.Channel, Key("t1", 2), default);

        Assert.Equal(batches * rows, reply.Rows);
        Assert.Equal(Store.BatchBytesOf(sent), reply.Bytes);
        Assert.Equal(TestBatches.Schema, schema);
        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(received));
        Assert.Equal(TestBatches.Names(sent), TestBatches.Names(received));
        Assert.True(worker.Host.Store.Contains(Key("t1", 2)));
    }

    [Fact]
    public async Task An_empty_partition_travels_with_its_schema()
    {
        await using var worker = await TestWorker.StartAsync();

        await PartitionTransfer.PutAsync(worker.Channel, Key("empty"), TestBatches.Schema, [], default);
        var (schema, received) = await PartitionTransfer.FetchAsync(worker.Channel, Key("empty"), default);

        Assert.Equal(TestBatches.Schema, schema);
        Assert.Empty(received);
    }

    [Fact]
    public async Task A_partition_over_4_MiB_travels_in_several_chunks_of_at_most_4_MiB()
    {
        await using var worker = await TestWorker.StartAsync();
        var sent = TestBatches.Many(10, 80_000);
        Assert.True(Store.BatchBytesOf(sent) > 12 << 20);
        await PartitionTransfer.PutAsync(worker.Channel, Key("big"), TestBatches.Schema, sent, default);

        using var call = WorkerApi.Client(worker.Channel).FetchPartition(new FetchPartitionRequest { Partition = new() { Task = "big" } });
        var chunks = new List<int>();
        var received = new List<Google.Protobuf.ByteString>();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            chunks.Add(chunk.Data.Length);
            received.Add(chunk.Data);
        }

        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunks");
        Assert.All(chunks, size => Assert.InRange(size, 1, 4 << 20));
        using var stream = new MemoryStream(received.SelectMany(c => c.ToByteArray()).ToArray());
        using var reader = new Formats.Arrow.ArrowStreamReader(stream);
        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(reader.ReadAll().ToList()));
    }

    [Fact]
    public async Task Fetching_a_partition_the_worker_does_not_hold_is_NOT_FOUND_naming_it()
    {
        await using var worker = await TestWorker.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => PartitionTransfer.FetchAsync(worker.Channel, Key("nope", 3), default));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("nope[3]", error.Detail);
        Assert.Contains("test-host", error.Detail);
    }

    [Fact]
    public async Task A_put_whose_first_chunk_names_no_partition_is_refused()
    {
        await using var worker = await TestWorker.StartAsync();
        using var call = WorkerApi.Client(worker.Channel).PutPartition();
        await PartitionTransfer.WriteAsync(TestBatches.Schema, TestBatches.Many(1, 5), call.RequestStream, null, default);
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(0, worker.Host.Store.Count);
    }

    [Fact]
    public async Task A_spilled_partition_is_fetched_from_its_file()
    {
        using var spill = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { MemoryLimit = 1, SpillDirectory = spill.Path });
        var sent = TestBatches.Many(3, 20_000);

        await PartitionTransfer.PutAsync(worker.Channel, Key("spilled"), TestBatches.Schema, sent, default);
        Assert.Single(Directory.GetFiles(spill.Path));
        var (schema, received) = await PartitionTransfer.FetchAsync(worker.Channel, Key("spilled"), default);

        Assert.Equal(TestBatches.Schema, schema);
        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(received));
        Assert.Equal(0, worker.Host.Store.MemoryBytes);
    }

    [Fact]
    public async Task Health_reports_the_worker()
    {
        await using var worker = await TestWorker.StartAsync(o => o with { Slots = 3 });
        await PartitionTransfer.PutAsync(worker.Channel, Key("t"), TestBatches.Schema, TestBatches.Many(1, 10), default);

        var health = await WorkerApi.Client(worker.Channel).HealthAsync(new HealthRequest()).ResponseAsync;

        Assert.Equal(worker.Host.WorkerId.Value, health.WorkerId);
        Assert.Equal("test-host", health.Host);
        Assert.Equal(3, health.Slots);
        Assert.Equal(0, health.Running);
        Assert.Equal(worker.Host.Store.StoredBytes, health.StoredBytes);
        Assert.True(health.StoredBytes > 0);
    }

    private static class Store
    {
        public static long BatchBytesOf(IReadOnlyList<RecordBatch> batches) => Worker.Store.BatchBytes.Of(batches);
    }
}
