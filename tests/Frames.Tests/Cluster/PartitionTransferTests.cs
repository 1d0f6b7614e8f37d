using System.Collections.Concurrent;
using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Physical;
using FramesNet.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Tests.TestSupport;
using Schema = FramesNet.Columns.Schema;
using PartitionRef = FramesNet.Physical.PartitionRef;
using Field = FramesNet.Columns.Field;

namespace FramesNet.Tests.Cluster;

/// <summary>Partitions through real gRPC on loopback: put to a tiny store, fetch back, compare.</summary>
public class PartitionTransferTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<PartitionRef, (Schema, List<RecordBatch>)> _store = new();
    private RpcServer? _server;
    private GrpcChannel? _channel;

    public async Task InitializeAsync()
    {
        var services = new WorkerStub
        {
            Fetch = async (request, output, context) =>
            {
                var key = TaskSpecCodec.FromProto(request.Partition);
                if (OddSenders.TryGetValue(key.Task.Value, out var odd))
                {
                    foreach (var chunk in odd())
                        await output.WriteAsync(chunk);
                    return;
                }
                if (!_store.TryGetValue(key, out var stored))
                    throw new RpcException(new Status(StatusCode.NotFound, $"no partition {key}"));
                await PartitionTransfer.WriteAsync(stored.Item1, stored.Item2, output, null, context.CancellationToken);
            },
            Put = async (input, context) =>
            {
                var (proto, schema, batches) = await PartitionTransfer.ReadNamedAsync(input, context.CancellationToken);
                var name = TaskSpecCodec.FromProto(proto!);
                _store[name] = (schema, batches);
                return new PutPartitionReply { Rows = batches.Sum(b => (long)b.Length) };
            },
        }.Services();
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

    /// <summary>Senders other than <see cref="PartitionTransfer.WriteAsync"/>: by task name, the chunks they send.</summary>
    private static readonly Dictionary<string, Func<IEnumerable<PartitionChunk>>> OddSenders = new()
    {
        // Another implementation that does not announce the length: decoded once the stream has ended.
        ["unannounced"] = () => Encoded(SmallBatches()).Chunk(1000).Select(piece => new PartitionChunk { Data = Google.Protobuf.ByteString.CopyFrom(piece) }),
        // Announcing more than they send: a small stream (decoded once in) and a big one (decoded as it arrives).
        ["short"] = () => [new PartitionChunk { StreamBytes = 1000, Data = Google.Protobuf.ByteString.CopyFrom(Encoded(SmallBatches())[..10]) }],
        ["short-big"] = () => [new PartitionChunk { StreamBytes = 10_000_000, Data = Google.Protobuf.ByteString.CopyFrom(Encoded(SmallBatches())[..10]) }],
        // Not Arrow at all, in a small and in a big stream.
        ["garbage"] = () => [new PartitionChunk { StreamBytes = 64, Data = Google.Protobuf.ByteString.CopyFrom(Enumerable.Repeat((byte)0x7F, 64).ToArray()) }],
        ["garbage-big"] = () => Enumerable.Range(0, 8).Select(i => new PartitionChunk
        {
            StreamBytes = i == 0 ? 8 << 20 : 0,
            Data = Google.Protobuf.ByteString.CopyFrom(Enumerable.Repeat((byte)0x7F, 1 << 20).ToArray()),
        }),
    };

    [Fact]
    public async Task A_stream_without_its_length_announced_is_decoded_at_its_end()
    {
        var (schema, got) = await PartitionTransfer.FetchAsync(_channel!, new PartitionRef(new TaskKey("unannounced")), CancellationToken.None);

        Assert.Equal(SmallBatches()[0].Schema, schema);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (object?)(long)i), got.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => b.Column(0).GetValue(r))));
    }

    [Theory]
    [InlineData("short", 1000)]
    [InlineData("short-big", 10_000_000)]
    public async Task A_sender_that_stops_short_of_its_announced_length_fails_the_read_saying_so(string sender, long announced)
    {
        var error = await Assert.ThrowsAsync<IOException>(() =>
            PartitionTransfer.FetchAsync(_channel!, new PartitionRef(new TaskKey(sender)), CancellationToken.None));

        Assert.Equal($"partition: the sender announced {announced} bytes and sent 10", error.Message);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("garbage-big")]
    public async Task Bytes_that_are_not_arrow_fail_the_read_with_the_decoders_reason(string sender)
    {
        var error = await Assert.ThrowsAsync<FramesNet.Formats.Arrow.ArrowFormatException>(() =>
            PartitionTransfer.FetchAsync(_channel!, new PartitionRef(new TaskKey(sender)), CancellationToken.None));

        Assert.Contains("not an Arrow IPC file or stream: it starts with 7f 7f 7f 7f", error.Message);
    }

    private static List<RecordBatch> SmallBatches()
    {
        var schema = new Schema(new Field("id", DataType.Int64));
        return Enumerable.Range(0, 2).Select(b => new RecordBatch(schema,
            [PrimitiveColumn<long>.From(DataType.Int64, Enumerable.Range(b * 1000, 1000).Select(i => (long)i).ToArray())])).ToList();
    }

    private static byte[] Encoded(List<RecordBatch> batches)
    {
        var output = new MemoryStream();
        FramesNet.Formats.Arrow.ArrowIpc.WriteStream(output, batches[0].Schema, batches);
        return output.ToArray();
    }

    [Fact]
    public async Task A_missing_partition_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            PartitionTransfer.FetchAsync(_channel!, new PartitionRef(new TaskKey("nope")), CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
