using System.Diagnostics;
using FramesNet.Columns;
using FramesNet.Interop;
using static FramesNet.Bench.BenchArgs;

namespace FramesNet.Bench;

/// <summary>
/// The cost of crossing to Apache.Arrow and back: `apache [--batches N] [--runs N]` converts tables of 4 columns
/// (int64, float64, utf8, nullable int32) in N batches at 10k, 1M and 10M rows, timing Table.ToArrowBatches and
/// ApacheArrow.ToFrames (of those batches, and of batches in Apache's native memory) and counting the bytes they allocate. Zero-copy means the figures follow batches × columns,
/// not rows.
/// </summary>
internal sealed class ApacheArrowBench : IBenchCommand
{
    public string Name => "apache";

    public string Description => "Table.ToArrow / Frames.FromArrow cost per table size: time and bytes allocated (--batches 10 --runs 20)";

    public int Run(string[] args)
    {
        var batchCount = (int)Number(args, "--batches", 10);
        var runs = (int)Number(args, "--runs", 20);
        Console.WriteLine($"{"rows",12} {"batches",8} {"ToArrow µs",12} {"ToArrow bytes",14} {"back µs",10} {"back bytes",12} {"native µs",10} {"native bytes",13}");
        foreach (var rows in new[] { 10_000, 1_000_000, 10_000_000 })
        {
            var table = BuildTable(rows, batchCount);
            var (toArrowMicros, toArrowBytes, apache) = Measure(runs, () => table.ToArrowBatches());
            // Back: the Apache batches ToArrow made (Frames' own blocks come back as themselves).
            var (backMicros, backBytes, _) = Measure(runs, () => apache.Select(ApacheArrow.ToFrames).ToArray());
            // Native: batches in Apache.Arrow's native memory (copied there once, outside the measurement), wrapped as foreign blocks.
            var allocator = new Apache.Arrow.Memory.NativeMemoryAllocator();
            var native = apache.Select(b => b.Clone(allocator)).ToArray();
            var (nativeMicros, nativeBytes, _) = Measure(runs, () => native.Select(ApacheArrow.ToFrames).ToArray());
            Console.WriteLine($"{rows,12:N0} {batchCount,8} {toArrowMicros,12:F1} {toArrowBytes,14:N0} {backMicros,10:F1} {backBytes,12:N0} {nativeMicros,10:F1} {nativeBytes,13:N0}");
            table.Dispose();
        }
        return 0;
    }

    /// <summary>Median microseconds and bytes allocated on this thread per call, after one warm-up call.</summary>
    private static (double Micros, long Bytes, T Last) Measure<T>(int runs, Func<T> action)
    {
        var last = action();
        var micros = new List<double>();
        long bytes = 0;
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            last = action();
            micros.Add(watch.Elapsed.TotalMicroseconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        micros.Sort();
        return (micros[micros.Count / 2], bytes, last);
    }

    private static Table BuildTable(int rows, int batchCount)
    {
        var schema = new Schema(new Field("id", DataType.Int64), new Field("x", DataType.Float64),
            new Field("s", DataType.Utf8), new Field("n", DataType.Int32));
        var batches = new List<RecordBatch>();
        var per = rows / batchCount;
        for (var b = 0; b < batchCount; b++)
        {
            var ids = new long[per];
            var xs = new double[per];
            var ns = new int[per];
            var valid = new bool[per];
            var strings = new BinaryColumnBuilder(DataType.Utf8, per);
            for (var i = 0; i < per; i++)
            {
                ids[i] = (long)b * per + i;
                xs[i] = i * 0.5;
                ns[i] = i;
                valid[i] = i % 7 != 0;
                strings.Append(i % 3 == 0 ? "alpha" : "b");
            }
            batches.Add(new RecordBatch(schema, [PrimitiveColumn<long>.From(DataType.Int64, ids), PrimitiveColumn<double>.From(DataType.Float64, xs),
                strings.Build(), PrimitiveColumn<int>.From(DataType.Int32, ns, valid)]));
        }
        return new Table(schema, batches);
    }
}
