using System.Diagnostics;
using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using static FramesNet.Bench.BenchArgs;
using FramesNet.Plan;

namespace FramesNet.Bench;

/// <summary>
/// Throughput of the execution kernels over in-memory batches (data generated up front, not timed):
/// group-by with a 4-value string key and with ~100K int keys, a broadcast join against 265 rows, top-10,
/// distinct over (string, int) pairs, and a 50 % filter. Prints the best of a few runs in rows/s.
/// </summary>
internal sealed class KernelBench : IBenchCommand
{
    public string Name => "kernels";

    public string Description => "kernel throughput: group-by, join, top-k, distinct, filter [--rows N] [--batch N] [--repeat N]";

    public int Run(string[] args)
    {
        var rows = (int)Number(args, "--rows", 10_000_000);
        var batchRows = (int)Number(args, "--batch", 128 * 1024);
        var repeat = (int)Number(args, "--repeat", 3);
        Console.WriteLine($"generating {rows:N0} rows in batches of {batchRows:N0}…");
        var data = Generate(rows, batchRows);
        var zones = Zones();
        Console.WriteLine($"{"kernel",-44} {"wall s",8} {"Mrows/s",9} {"cpu s",8} {"Mrows/cs",9}");

        Measure("hash (day string, zone)", rows, repeat, () =>
        {
            long count = 0;
            foreach (var batch in data)
                count += RowHasher.Hash(batch, [6, 1]).Length;
            return count;
        });
        Measure("group-by vendor (4 strings): count,sum,mean,max", rows, repeat, () =>
        {
            var aggregator = new HashAggregator(data[0].Schema, [0],
                [AggregateSpec.CountAll("n"), new(AggregateKind.Sum, 2, "sum"), new(AggregateKind.Mean, 3, "mean"), new(AggregateKind.Max, 4, "max")],
                AggregateMode.Single);
            foreach (var batch in data) aggregator.Consume(batch);
            return aggregator.Finish().Sum(b => b.Length);
        });
        Measure("group-by ~100K int64 keys: count,sum", rows, repeat, () =>
        {
            var aggregator = new HashAggregator(data[0].Schema, [5], [AggregateSpec.CountAll("n"), new(AggregateKind.Sum, 2, "sum")], AggregateMode.Single);
            foreach (var batch in data) aggregator.Consume(batch);
            return aggregator.Finish().Sum(b => b.Length);
        });
        Measure("group-by (day string, zone) ~97K keys: count", rows, repeat, () =>
        {
            var aggregator = new HashAggregator(data[0].Schema, [6, 1], [AggregateSpec.CountAll("n")], AggregateMode.Single);
            foreach (var batch in data) aggregator.Consume(batch);
            return aggregator.Finish().Sum(b => b.Length);
        });
        foreach (var asDictionary in new[] { false, true })
        {
            Measure($"join 10M x 265 ints{(asDictionary ? " (build as dictionary)" : "")}", rows, repeat, () =>
            {
                using var join = new HashJoin(data[0].Schema, [1], zones.Schema, [0], JoinType.Inner, new HashJoinOptions { BuildSideAsDictionary = asDictionary });
                join.AddBuild(zones);
                long count = 0;
                foreach (var batch in data)
                    foreach (var output in join.Probe(batch))
                        count += output.Length;
                return count;
            });
        }
        Measure("join 265 zones + group-by borough (Q3 shape)", rows, repeat, () =>
        {
            using var join = new HashJoin(data[0].Schema, [1], zones.Schema, [0], JoinType.Inner, new HashJoinOptions { BuildSideAsDictionary = true });
            join.AddBuild(zones);
            var borough = data[0].ColumnCount + 1;
            var aggregator = new HashAggregator(join.OutputSchema, [borough], [AggregateSpec.CountAll("n"), new(AggregateKind.Mean, 2, "avg")], AggregateMode.Single);
            foreach (var batch in data)
                foreach (var output in join.Probe(batch))
                    aggregator.Consume(output);
            return aggregator.Finish().Sum(b => b.Length);
        });
        Measure("top-10 of doubles", rows, repeat, () =>
        {
            var top = new TopK(data[0].Schema, [new SortColumn(2, Descending: true), new SortColumn(7)], 10);
            foreach (var batch in data) top.Consume(batch);
            return top.Finish().Length;
        });
        Measure("distinct (day string, zone) ~97K", rows, repeat, () =>
        {
            var distinct = new DistinctKernel(new Schema(data[0].Schema[6], data[0].Schema[1]));
            long count = 0;
            foreach (var batch in data)
                count += distinct.Consume(batch.Select([6, 1])).Length;
            return count;
        });
        var masks = data.Select((b, i) => RandomMask(b.Length, 0.5, i)).ToArray();
        Measure("filter 50% (8 columns incl. 2 strings)", rows, repeat, () =>
        {
            long count = 0;
            for (var i = 0; i < data.Count; i++)
                count += RecordBatchKernels.Filter(data[i], masks[i]).Length;
            return count;
        });
        Measure("sort by double (radix), per batch", rows, repeat, () =>
        {
            long count = 0;
            foreach (var batch in data)
                count += SortKernel.SortIndices(batch, [new SortColumn(2)]).Length;
            return count;
        });
        return 0;
    }

    private static void Measure(string name, long rows, int repeat, Func<long> run)
    {
        // CPU time is reported too: on a shared, loaded machine it is the steadier figure.
        double best = double.MaxValue, bestCpu = double.MaxValue;
        long result = 0;
        var process = Process.GetCurrentProcess();
        for (var r = 0; r < repeat; r++)
        {
            GC.Collect();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            result = run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
        }
        Console.WriteLine($"{name,-44} {best,8:F3} {rows / best / 1e6,9:F1} {bestCpu,8:F3} {rows / bestCpu / 1e6,9:F1}   (result {result:N0})");
    }

    /// <summary>
    /// Columns: 0 vendor (4 strings), 1 zone_id int32 1..265, 2 fare float64, 3 distance float64,
    /// 4 tip float64 (5 % null), 5 key int64 (~100K distinct), 6 day string (366 values), 7 trip_id int64.
    /// </summary>
    private static List<RecordBatch> Generate(int rows, int batchRows)
    {
        var schema = new Schema(new Field("vendor", DataType.Utf8), new Field("zone_id", DataType.Int32), new Field("fare", DataType.Float64),
            new Field("distance", DataType.Float64), new Field("tip", DataType.Float64), new Field("key", DataType.Int64),
            new Field("day", DataType.Utf8), new Field("trip_id", DataType.Int64));
        string[] vendors = ["CMT", "VTS", "DDS", "MYLE"];
        var days = Enumerable.Range(0, 366).Select(d => new DateOnly(2024, 1, 1).AddDays(d).ToString("yyyy-MM-dd")).ToArray();
        var random = new Random(42);
        var batches = new List<RecordBatch>();
        for (var start = 0; start < rows; start += batchRows)
        {
            var n = Math.Min(batchRows, rows - start);
            var vendor = new BinaryColumnBuilder(DataType.Utf8, n);
            var day = new BinaryColumnBuilder(DataType.Utf8, n);
            var zone = new int[n];
            var fare = new double[n];
            var distance = new double[n];
            var tip = new double[n];
            var tipValid = new bool[n];
            var key = new long[n];
            var id = new long[n];
            for (var i = 0; i < n; i++)
            {
                vendor.Append(vendors[random.Next(4)]);
                day.Append(days[random.Next(366)]);
                zone[i] = 1 + random.Next(265);
                distance[i] = Math.Round(random.NextDouble() * 20, 2);
                fare[i] = Math.Min(300, Math.Round(3 + distance[i] * 1.75, 2));
                tip[i] = Math.Round(fare[i] * 0.1, 2);
                tipValid[i] = random.Next(20) != 0;
                key[i] = random.Next(100_000);
                id[i] = start + i + 1;
            }
            batches.Add(new RecordBatch(schema, [vendor.Build(), PrimitiveColumn<int>.From(DataType.Int32, zone),
                PrimitiveColumn<double>.From(DataType.Float64, fare), PrimitiveColumn<double>.From(DataType.Float64, distance),
                PrimitiveColumn<double>.From(DataType.Float64, tip, tipValid), PrimitiveColumn<long>.From(DataType.Int64, key),
                day.Build(), PrimitiveColumn<long>.From(DataType.Int64, id)]));
        }
        return batches;
    }

    private static RecordBatch Zones()
    {
        string[] boroughs = ["Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island", "EWR"];
        var ids = Enumerable.Range(1, 265).ToArray();
        return new RecordBatch(new Schema(new Field("zone_id", DataType.Int32), new Field("borough", DataType.Utf8)),
            [PrimitiveColumn<int>.From(DataType.Int32, ids), BinaryColumn.FromStrings(ids.Select(i => boroughs[i % 6]).ToArray())]);
    }

    private static BooleanColumn RandomMask(int length, double rate, int seed)
    {
        var random = new Random(seed);
        var bits = new bool[length];
        for (var i = 0; i < length; i++)
            bits[i] = random.NextDouble() < rate;
        return BooleanColumn.From(bits);
    }
}
