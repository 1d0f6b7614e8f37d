using Grpc.Core;
using System.Diagnostics;
using System.Globalization;
using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Physical;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker;
using Google.Protobuf;
using PartitionRef = FramesNet.Physical.PartitionRef;
using Schema = FramesNet.Columns.Schema;
using Field = FramesNet.Columns.Field;
using static FramesNet.Bench.BenchArgs;

namespace FramesNet.Bench;

/// <summary>
/// Partition transfer between in-process workers on loopback: put a partition (~500 MB) on worker A,
/// fetch it from A with FetchPartition (as a client does) and through A's share folder, and run a task on
/// worker B that reads it from a peer — over a gRPC stream (A2, no share folder) and through the shared
/// file (A, same machine). Reports GB/s of in-memory (Arrow buffer) bytes.
/// Usage: transfer [--mb 500] [--repeats 3]
/// </summary>
internal sealed class TransferBench : IBenchCommand
{
    public string Name => "transfer";

    public string Description => "worker↔worker partition transfer on loopback (GB/s): put, fetch, task reading a peer's partition";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var megabytes = Number(args, "--mb", 500);
        var repeats = (int)Number(args, "--repeats", 3);
        var (schema, batches) = Partition((long)(megabytes * 1e6));
        var bytes = Worker.Store.BatchBytes.Of(batches);
        Console.WriteLine($"transfer bench: {Environment.ProcessorCount} cores, load {LoadAverage()}, partition {bytes / 1e6:N0} MB in {batches.Count} batches, median of {repeats}");

        // Where the time goes, without any network: Arrow IPC encoding and decoding of the same partition.
        var encoded = new MemoryStream();
        var (encode, _) = await Median(repeats, () =>
        {
            encoded.SetLength(0);
            var clock = Stopwatch.StartNew();
            Formats.Arrow.ArrowIpc.WriteStream(encoded, schema, batches);
            return Task.FromResult(bytes / clock.Elapsed.TotalSeconds);
        });
        var (decode, _) = await Median(repeats, () =>
        {
            var clock = Stopwatch.StartNew();
            using var reader = new Formats.Arrow.ArrowStreamReader(new MemoryStream(encoded.GetBuffer(), 0, (int)encoded.Length, writable: false));
            var decoded = reader.ReadAll().ToList();
            var rate = bytes / clock.Elapsed.TotalSeconds;
            decoded.ForEach(x => x.Dispose());
            return Task.FromResult(rate);
        });
        Console.WriteLine($"IPC encode to memory:             {encode / 1e9,6:F2} GB/s");
        Console.WriteLine($"IPC decode from memory:           {decode / 1e9,6:F2} GB/s");
        encoded = null;

        await using var scheduler = await StubScheduler.StartAsync();
        await using var a = await WorkerHost.StartAsync(new WorkerOptions { Scheduler = scheduler.Address, Slots = 1, HostName = "a" });
        var aId = await scheduler.NextHelloAsync();
        await using var b = await WorkerHost.StartAsync(new WorkerOptions { Scheduler = scheduler.Address, Slots = 1, HostName = "b" });
        var bId = await scheduler.NextHelloAsync();
        using var toA = RpcChannel.Create(a.Address);

        var source = new PartitionRef(new TaskKey("bench-source"));
        var (put, putCores) = await Median(repeats, async () =>
        {
            var clock = Stopwatch.StartNew();
            await PartitionTransfer.PutAsync(toA, source, schema, batches, default);
            return bytes / clock.Elapsed.TotalSeconds;
        });
        Console.WriteLine($"put (client → A):                 {put / 1e9,6:F2} GB/s — {putCores:F2} cores busy");

        var (fetch, fetchCores) = await Median(repeats, async () =>
        {
            var clock = Stopwatch.StartNew();
            var (_, fetched) = await PartitionTransfer.FetchAsync(toA, source, default);
            var rate = bytes / clock.Elapsed.TotalSeconds;
            fetched.ForEach(x => x.Dispose());
            return rate;
        });
        Console.WriteLine($"fetch (A → client, decoded):      {fetch / 1e9,6:F2} GB/s — {fetchCores:F2} cores busy");

        var (raw, rawCores) = await Median(repeats, async () =>
        {
            var clock = Stopwatch.StartNew();
            using var call = WorkerApi.Client(toA).FetchPartition(new FetchPartitionRequest { Partition = TaskSpecCodec.ToProto(source) });
            long received = 0;
            await foreach (var chunk in call.ResponseStream.ReadAllAsync())
                received += chunk.Data.Length;
            return received / clock.Elapsed.TotalSeconds;
        });
        Console.WriteLine($"fetch (A → client, chunks only):  {raw / 1e9,6:F2} GB/s (IPC bytes) — {rawCores:F2} cores busy");

        var attempt = 0;
        var (shared, sharedCores) = await Median(repeats, async () =>
        {
            var clock = Stopwatch.StartNew();
            var fetched = await PartitionTransfer.TryFetchSharedAsync(toA, source, default)
                ?? throw new InvalidOperationException("worker A refused the same-machine handoff (no /dev/shm?)");
            var rate = bytes / clock.Elapsed.TotalSeconds;
            fetched.Batches.ForEach(x => x.Dispose());
            return rate;
        });
        Console.WriteLine($"shared file (A → client, decoded): {shared / 1e9,6:F2} GB/s — {sharedCores:F2} cores busy");

        // The worker-to-worker path both ways: A hands over through its share folder (same machine), and
        // A2, started without one, streams over gRPC as a worker on another machine would.
        await using var a2 = await WorkerHost.StartAsync(new WorkerOptions { Scheduler = scheduler.Address, Slots = 1, HostName = "a2", ShareDirectory = null });
        await scheduler.NextHelloAsync();
        using (var toA2 = RpcChannel.Create(a2.Address))
            await PartitionTransfer.PutAsync(toA2, source, schema, batches, default);
        var (streamed, streamedCores) = await Median(repeats, () => ReadOnB(a2));
        Console.WriteLine($"task on B reading A2's partition:  {streamed / 1e9,6:F2} GB/s (gRPC stream: fetch, decode, store; B={bId}) — {streamedCores:F2} cores busy");
        var (task, taskCores) = await Median(repeats, () => ReadOnB(a));
        Console.WriteLine($"task on B reading A's partition:   {task / 1e9,6:F2} GB/s (same machine, shared file: write, read, store; A={aId}, B={bId}) — {taskCores:F2} cores busy");

        async Task<double> ReadOnB(WorkerHost owner)
        {
            var reader = new TaskNode(new TaskKey($"bench-reader-{attempt++}"), 1, 0, new InputSource(schema), [], CollectSink.Instance, [source], []);
            var run = new RunTask { Job = "bench", Task = reader.Key.Value, Spec = ByteString.CopyFrom(TaskSpecCodec.Encode(reader)) };
            run.Inputs.Add(new InputLocation { Partition = TaskSpecCodec.ToProto(source), Addresses = { owner.Address.ToString() } });
            var clock = Stopwatch.StartNew();
            var reports = await scheduler.RunAsync(bId, [run]);
            var rate = bytes / clock.Elapsed.TotalSeconds;
            if (reports.Single().MessageCase != WorkerMessage.MessageOneofCase.Finished)
                throw new InvalidOperationException($"the reading task failed: {reports.Single()}");
            b.Store.Release([reader.Key]);
            return rate;
        }
        batches.ForEach(x => x.Dispose());
        return 0;
    }

    /// <summary>Batches of 64 Ki rows: four int64 and two float64 columns (3 MiB each), about <paramref name="bytes"/> in all.</summary>
    private static (Schema, List<RecordBatch>) Partition(long bytes)
    {
        const int rows = 64 * 1024;
        var schema = new Schema(Enumerable.Range(0, 4).Select(i => new Field($"i{i}", DataType.Int64))
            .Concat(Enumerable.Range(0, 2).Select(i => new Field($"f{i}", DataType.Float64))));
        var perBatch = rows * 8L * schema.Count;
        var batches = new List<RecordBatch>();
        var random = new Random(42);
        for (long made = 0; made < bytes; made += perBatch)
        {
            var columns = new List<Column>();
            for (var c = 0; c < 4; c++)
            {
                var builder = new PrimitiveColumnBuilder<long>(DataType.Int64, rows);
                for (var r = 0; r < rows; r++)
                    builder.Append(random.NextInt64(1_000_000));
                columns.Add(builder.Build());
            }
            for (var c = 0; c < 2; c++)
            {
                var builder = new PrimitiveColumnBuilder<double>(DataType.Float64, rows);
                for (var r = 0; r < rows; r++)
                    builder.Append(random.NextDouble());
                columns.Add(builder.Build());
            }
            batches.Add(new RecordBatch(schema, columns));
        }
        return (schema, batches);
    }

    /// <summary>The median rate of <paramref name="repeats"/> runs, and how many cores the process kept busy meanwhile.</summary>
    private static async Task<(double Rate, double Cores)> Median(int repeats, Func<Task<double>> run)
    {
        await run(); // warm-up: JIT, connections, pooled buffers
        var rates = new List<double>();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
            rates.Add(await run());
        process.Refresh();
        var cores = (process.TotalProcessorTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;
        rates.Sort();
        return (rates[rates.Count / 2], cores);
    }
}
