using System.Collections.Concurrent;
using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Physical;
using FramesNet.Rpc;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using Schema = FramesNet.Columns.Schema;
using PartitionRef = FramesNet.Physical.PartitionRef;
using Field = FramesNet.Columns.Field;

namespace FramesNet.Tests.Cluster;

/// <summary>Partitions through real gRPC on loopback: put to a tiny store, fetch back, compare.</summary>
public class PartitionTransferTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<PartitionRef, (Schema, List<RecordBatch>)> _store = new();
    private RpcServer? _server;
    private RpcChannel? _channel;

    public async Task InitializeAsync()
    {
        var services = new RpcServices()
            .AddServerStreaming(WorkerApi.FetchPartition, async (request, output, context) =>
            {
                var key = TaskSpecCodec.FromProto(request.Partition);
                if (!_store.TryGetValue(key, out var stored))
                    throw new RpcException(StatusCode.NotFound, $"no partition {key}");
                await PartitionTransfer.WriteAsync(stored.Item1, stored.Item2, output, null, context.CancellationToken);
            })
            .AddClientStreaming(WorkerApi.PutPartition, async (input, context) =>
            {
                var (proto, schema, batches) = await PartitionTransfer.ReadNamedAsync(input, context.CancellationToken);
                var name = TaskSpecCodec.FromProto(proto!);
                _store[name] = (schema, batches);
                return new PutPartitionReply { Rows = batches.Sum(b => (long)b.Length) };
            });
        _server = await RpcServer.StartAsync(services, new RpcServerOptions { Port = 0 });
        _channel = RpcChannel.Create(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(700_000)]
    public async Task A_partition_goes_and_comes_back_whole(int rows)
    {
        var schema = new Schema(new Field("id", DataType.Int64), new Field("name", DataType.Utf8));
        var batches = Enumerable.Range(0, 3).Select(b => new RecordBatch(schema,
        [
            PrimitiveColumn<long>.From(DataType.Int64, Enumerable.Range(0, rows).Select(i => (long)(b * rows + i)).ToArray()),
            BinaryColumn.FromStrings(Enumerable.Range(0, rows).Select(i => i % 7 == 0 ? null : $"name-{i}").ToArray()),
        ])).ToList();
        var key = new PartitionRef(new TaskKey($"t-{rows}"), 2);

        var reply = await PartitionTransfer.PutAsync(_channel!, key, schema, batches, CancellationToken.None);
        var (gotSchema, got) = await PartitionTransfer.FetchAsync(_channel!, key, CancellationToken.None);

        Assert.Equal(3L * rows, reply.Rows);
        Assert.Equal(schema, gotSchema);
        Assert.Equal(batches.Sum(b => b.Length), got.Sum(b => b.Length));
        var expected = batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => (b.Column(0).GetValue(r), b.Column(1).GetValue(r))));
        var actual = got.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => (b.Column(0).GetValue(r), b.Column(1).GetValue(r))));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_missing_partition_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            PartitionTransfer.FetchAsync(_channel!, new PartitionRef(new TaskKey("nope")), CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
