using System.Diagnostics;
using FramesNet.Columns;
using FramesNet.Formats.Csv;
using static FramesNet.Bench.BenchArgs;

namespace FramesNet.Bench;

/// <summary>
/// CSV reader and writer throughput on the peer benchmark's trips files, with their declared schema.
/// <c>csv [--data DIR] [--threads N] [--columns a,b] [--runs R] [--batch-rows N] [--range-mb M] [--read-kb K] [--no-write]</c>
/// </summary>
internal sealed class CsvBench : IBenchCommand
{
    private static readonly Schema Trips = new(
        new Field("trip_id", DataType.Int64),
        new Field("pickup_day", DataType.Utf8),
        new Field("vendor", DataType.Utf8),
        new Field("passenger_count", DataType.Int64),
        new Field("distance_km", DataType.Float64),
        new Field("fare", DataType.Float64),
        new Field("tip", DataType.Float64),
        new Field("zone_id", DataType.Int64));

    public string Name => "csv";

    public string Description => "CSV parse MB/s (all columns or --columns) and writer MB/s on trips-*.csv";

    public int Run(string[] args)
    {
        var data = Text(args, "--data") ?? "/tmp/frames-data/large";
        var threads = int.Parse(Text(args, "--threads") ?? Environment.ProcessorCount.ToString());
        var runs = int.Parse(Text(args, "--runs") ?? "5");
        var columns = Text(args, "--columns")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var defaults = new CsvReadOptions();
        var batchRows = int.Parse(Text(args, "--batch-rows") ?? defaults.BatchRows.ToString());
        var rangeBytes = (long)(double.Parse(Text(args, "--range-mb") ?? (defaults.RangeBytes / 1048576.0).ToString()) * 1048576);
        var readBytes = (int)(double.Parse(Text(args, "--read-kb") ?? (defaults.ReadBytes / 1024.0).ToString()) * 1024);
        var files = Directory.GetFiles(data, "trips-*.csv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"no trips-*.csv in {data}; generate them with ../shared/bench/gen_data.py");
            return 2;
        }
        var bytes = files.Sum(f => new FileInfo(f).Length);
        var options = new CsvReadOptions
        {
            Schema = Trips, Columns = columns, Parallelism = threads, BatchRows = batchRows, RangeBytes = rangeBytes, ReadBytes = readBytes,
        };
        Console.WriteLine($"csv read: {files.Length} files, {bytes / 1e6:F1} MB, threads {threads}, columns {(columns is null ? "all" : string.Join(",", columns))}, " +
                          $"batch {batchRows} rows, ranges {rangeBytes / 1048576.0:F1} MiB, reads {readBytes / 1024} KiB, load {LoadAverage()}");

        var seconds = new List<double>();
        var cpuSeconds = new List<double>();
        long rows = 0;
        for (var run = 0; run < runs; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            rows = 0;
            var scan = CsvReader.Open(files, options);
            foreach (var batch in scan.ReadBatches())
            {
                rows += batch.Length;
                batch.Dispose();
            }
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
            cpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            Console.WriteLine($"  run {run + 1}: {seconds[^1]:F3} s  {bytes / 1e6 / seconds[^1]:F0} MB/s  (cpu {cpuSeconds[^1]:F3} s, {bytes / 1e6 / cpuSeconds[^1]:F0} MB per cpu-second)  {rows} rows");
        }
        seconds.Sort();
        cpuSeconds.Sort();
        Console.WriteLine($"read: median {bytes / 1e6 / seconds[seconds.Count / 2]:F0} MB/s, best {bytes / 1e6 / seconds[0]:F0} MB/s, " +
                          $"median {bytes / 1e6 / cpuSeconds[cpuSeconds.Count / 2]:F0} MB per cpu-second, {rows} rows, load {LoadAverage()}");

        if (columns is null)
            Check(files, options);
        var split = Stopwatch.StartNew();
        var ranges = files.Sum(f => CsvReader.SplitRanges(f, rangeBytes, options).Count);
        Console.WriteLine($"split: {ranges} exact ranges in {split.Elapsed.TotalSeconds:F3} s (SplitRanges reads every file once to count quotes)");
        if (!args.Contains("--no-write"))
            WriteBench(files, threads, runs);
        return 0;
    }

    /// <summary>Q1 of the peer benchmark from the parsed batches, so a fast but wrong parser shows.</summary>
    private static void Check(string[] files, CsvReadOptions options)
    {
        long q1 = 0;
        foreach (var batch in CsvReader.Open(files, options with { Columns = ["fare", "passenger_count"] }).ReadBatches())
        {
            var fare = ((PrimitiveColumn<double>)batch.Column(0)).Values;
            var passengers = (PrimitiveColumn<long>)batch.Column(1);
            for (var i = 0; i < batch.Length; i++)
                if (fare[i] > 20 && passengers.IsValid(i) && passengers.Values[i] >= 2)
                    q1++;
            batch.Dispose();
        }
        Console.WriteLine($"check: Q1 n = {q1}");
    }

    private static void WriteBench(string[] files, int threads, int runs)
    {
        // One file is enough to time formatting; its batches stay in memory.
        var batches = CsvReader.Open(files[..1], new CsvReadOptions { Schema = Trips, Parallelism = threads }).ReadBatches().ToList();
        var seconds = new List<double>();
        long written = 0;
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var writer = new CsvWriter(Stream.Null, Trips);
            foreach (var batch in batches)
                writer.Write(batch);
            writer.Flush();
            written = writer.BytesWritten;
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
        }
        seconds.Sort();
        Console.WriteLine($"write (1 thread, to Stream.Null): median {written / 1e6 / seconds[seconds.Count / 2]:F0} MB/s, best {written / 1e6 / seconds[0]:F0} MB/s, {written / 1e6:F1} MB");
        foreach (var batch in batches)
            batch.Dispose();
    }
}
