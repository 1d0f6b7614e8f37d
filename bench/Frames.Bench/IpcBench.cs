using System.Diagnostics;
using System.Globalization;
using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using static FramesNet.Bench.BenchArgs;

namespace FramesNet.Bench;

/// <summary>
/// Arrow IPC write and read throughput, both formats, in memory and through a file on disk:
/// `ipc [--rows N] [--batch N] [--runs N]`. The table is int64 + float64 + utf8 + nullable int32.
/// </summary>
internal sealed class IpcBench : IBenchCommand
{
    public string Name => "ipc";

    public string Description => "Arrow IPC stream/file write and read MB/s (--rows 10000000 --batch 1000000 --runs 5)";

    public int Run(string[] args)
    {
        var rows = (int)Number(args, "--rows", 10_000_000);
        var batchRows = (int)Number(args, "--batch", 1_000_000);
        var runs = (int)Number(args, "--runs", 5);
        Console.WriteLine($"building {rows:N0} rows in batches of {batchRows:N0} ...");
        var (schema, batches) = BuildTable(rows, batchRows);

        Measure("stream, in memory", runs, schema, batches, ArrowIpcFormat.Stream, path: null);
        Measure("file, in memory", runs, schema, batches, ArrowIpcFormat.File, path: null);
        var path = Path.Combine(Path.GetTempPath(), $"frames-ipc-bench-{Environment.ProcessId}.arrow");
        try
        {
            Measure("file, on disk", runs, schema, batches, ArrowIpcFormat.File, path);
        }
        finally
        {
            File.Delete(path);
        }
        return 0;
    }

    private static void Measure(string label, int runs, Schema schema, List<RecordBatch> batches, ArrowIpcFormat format, string? path)
    {
        var writes = new List<double>();
        var reads = new List<double>();
        long bytes = 0;
        var buffer = new MemoryStream();
        for (var run = -1; run < runs; run++) // run -1 warms up (JIT tiers, pool blocks, page faults)
        {
            buffer.SetLength(0);
            var watch = Stopwatch.StartNew();
            if (path is null)
                Write(buffer, schema, batches, format);
            else
                ArrowIpc.WriteFile(path, schema, batches, format);
            var writeSeconds = watch.Elapsed.TotalSeconds;
            bytes = path is null ? buffer.Length : new FileInfo(path).Length;

            watch.Restart();
            long rowsRead = 0;
            foreach (var batch in Read(path is null ? new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length) : null, path, format))
            {
                rowsRead += batch.Length;
                batch.Dispose();
            }
            if (run >= 0)
            {
                writes.Add(writeSeconds);
                reads.Add(watch.Elapsed.TotalSeconds);
            }
            if (rowsRead != batches.Sum(b => (long)b.Length))
                throw new InvalidOperationException($"read {rowsRead} rows back");
        }
        Console.WriteLine($"{label,-18} {bytes / 1e6,8:F0} MB   write {Rate(bytes, writes)}   read {Rate(bytes, reads)}");
    }

    private static void Write(Stream output, Schema schema, List<RecordBatch> batches, ArrowIpcFormat format)
    {
        if (format == ArrowIpcFormat.File)
        {
            using var writer = new ArrowFileWriter(output, schema, leaveOpen: true);
            batches.ForEach(writer.Write);
        }
        else
        {
            using var writer = new ArrowStreamWriter(output, schema, leaveOpen: true);
            batches.ForEach(writer.Write);
        }
    }

    private static IEnumerable<RecordBatch> Read(Stream? input, string? path, ArrowIpcFormat format)
    {
        if (format == ArrowIpcFormat.File)
        {
            using var file = path is null ? new ArrowFileReader(input!) : ArrowFileReader.Open(path);
            foreach (var batch in file.ReadAll())
                yield return batch;
        }
        else
        {
            using var stream = new ArrowStreamReader(input!);
            foreach (var batch in stream.ReadAll())
                yield return batch;
        }
    }

    /// <summary>Median and best MB/s over the runs.</summary>
    private static string Rate(long bytes, List<double> seconds)
    {
        var sorted = seconds.Order().ToList();
        var median = sorted[sorted.Count / 2];
        return $"median {bytes / 1e6 / median,7:F0} MB/s  best {bytes / 1e6 / sorted[0],7:F0} MB/s";
    }

    private static (Schema, List<RecordBatch>) BuildTable(int rows, int batchRows)
    {
        var schema = new Schema(
            new Field("id", DataType.Int64, nullable: false),
            new Field("amount", DataType.Float64, nullable: false),
            new Field("name", DataType.Utf8, nullable: false),
            new Field("count", DataType.Int32));
        var random = new Random(42);
        var batches = new List<RecordBatch>();
        for (var start = 0; start < rows; start += batchRows)
        {
            var n = Math.Min(batchRows, rows - start);
            var ids = new PrimitiveColumnBuilder<long>(DataType.Int64, n);
            var amounts = new PrimitiveColumnBuilder<double>(DataType.Float64, n);
            var names = new BinaryColumnBuilder(DataType.Utf8, n, n * 12);
            var counts = new PrimitiveColumnBuilder<int>(DataType.Int32, n);
            for (var i = 0; i < n; i++)
            {
                ids.Append(start + i);
                amounts.Append(random.NextDouble() * 1000);
                names.Append("user-" + (random.Next(1_000_000)).ToString(CultureInfo.InvariantCulture));
                if (random.Next(10) == 0) counts.AppendNull();
                else counts.Append(random.Next(100));
            }
            batches.Add(new RecordBatch(schema, [ids.Build(), amounts.Build(), names.Build(), counts.Build()]));
        }
        return (schema, batches);
    }
}
