using System.Diagnostics;
using FramesNet.Columns;
using FramesNet.Formats.Csv;
using static FramesNet.Bench.BenchArgs;

namespace FramesNet.Bench;

/// <summary>
/// Where CSV parsing time goes: the tokenizer and each column decoder timed alone on one trips file held in
/// memory (no I/O, no threads), as nanoseconds per row, best of several repetitions.
/// <c>csv-parts [--file PATH] [--reps N]</c>
/// </summary>
internal sealed class CsvPartsBench : IBenchCommand
{
    private const int ChunkRows = 2048;
    private const int Pad = 64;

    public string Name => "csv-parts";

    public string Description => "CSV tokenizer and per-column decoder cost (ns/row) on one in-memory trips file";

    public int Run(string[] args)
    {
        var path = Text(args, "--file") ?? "/tmp/frames-data/large/trips-000.csv";
        var reps = int.Parse(Text(args, "--reps") ?? "7");
        var text = File.ReadAllBytes(path);
        var buffer = new byte[text.Length + 2 * Pad];
        text.CopyTo(buffer, Pad);
        var schema = new Schema(
            new Field("trip_id", DataType.Int64), new Field("pickup_day", DataType.Utf8), new Field("vendor", DataType.Utf8),
            new Field("passenger_count", DataType.Int64), new Field("distance_km", DataType.Float64), new Field("fare", DataType.Float64),
            new Field("tip", DataType.Float64), new Field("zone_id", DataType.Int64));
        var plan = CsvReadPlan.Create(schema, new CsvReadOptions { Schema = schema });
        var tokenizer = new CsvTokenizer((byte)',', schema.Count, ChunkRows, skipBadRows: false);
        var dataStart = Pad + Array.IndexOf(text, (byte)'\n') + 1;
        var end = Pad + text.Length;

        // Chunk boundaries once, so decoders can be timed over the same chunks.
        var chunkStarts = new List<int>();
        for (var at = dataStart; at < end; at = tokenizer.Next)
        {
            chunkStarts.Add(at);
            tokenizer.Tokenize(buffer, at, end, true, int.MaxValue, ChunkRows);
        }
        var rows = 0L;
        var tokenize = Best(reps, () =>
        {
            rows = 0;
            foreach (var at in chunkStarts)
            {
                tokenizer.Tokenize(buffer, at, end, true, int.MaxValue, ChunkRows);
                rows += tokenizer.Rows;
            }
        });
        Console.WriteLine($"{Path.GetFileName(path)}: {rows} rows, {text.Length / 1e6:F1} MB");
        Console.WriteLine($"  tokenize        {tokenize * 1e9 / rows,6:F1} ns/row  {text.Length / 1e6 / tokenize,6:F0} MB/s");

        var touch = 0L;
        var touchSeconds = Best(reps, () =>
        {
            foreach (var at in chunkStarts)
            {
                tokenizer.Tokenize(buffer, at, end, true, int.MaxValue, ChunkRows);
                touch += Touch(buffer, tokenizer.Ends, tokenizer.Rows, tokenizer.Fields, 5);
            }
        });
        Console.WriteLine($"  touch fare      {(touchSeconds - tokenize) * 1e9 / rows,6:F1} ns/row (read bounds and first byte only) {touch % 10}");

        var decoders = plan.CreateDecoders();
        var chunk = new CsvChunk();
        foreach (var decoder in decoders)
        {
            var seconds = Best(reps, () =>
            {
                var batchRow = 0;
                decoder.BeginBatch(65536);
                foreach (var at in chunkStarts)
                {
                    tokenizer.Tokenize(buffer, at, end, true, int.MaxValue, ChunkRows);
                    chunk.Reset(buffer, tokenizer.Ends, tokenizer.Fields, tokenizer.Rows, tokenizer.SawQuote, tokenizer.SawCarriageReturn);
                    if (batchRow + chunk.Rows > 65536)
                    {
                        Recycle(decoder, batchRow);
                        decoder.BeginBatch(65536);
                        batchRow = 0;
                    }
                    decoder.Decode(chunk, batchRow);
                    batchRow += chunk.Rows;
                }
                Recycle(decoder, batchRow);
            });
            Console.WriteLine($"  {decoder.Field.Name,-15} {(seconds - tokenize) * 1e9 / rows,6:F1} ns/row (decode, tokenizing subtracted)");
        }
        return 0;
    }

    /// <summary>Builds the column and gives its buffers back to the pool, as a consumer disposing batches does.</summary>
    private static void Recycle(CsvColumnDecoder decoder, int rows) =>
        new RecordBatch(new Schema(decoder.Field), [decoder.Build(rows)]).Dispose();

    private static unsafe long Touch(byte[] buffer, int[] endsArray, int rows, int stride, int column)
    {
        long sum = 0;
        fixed (byte* data = buffer)
        fixed (int* ends = endsArray)
        {
            var start = ends + column;
            for (var row = 0; row < rows; row++, start += stride)
                sum += data[*start + 1] + start[1];
        }
        return sum;
    }

    /// <summary>Best thread CPU time of the repetitions: other processes on the machine do not count.</summary>
    private static double Best(int reps, Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < reps; i++)
        {
            var start = ThreadCpuSeconds();
            action();
            best = Math.Min(best, ThreadCpuSeconds() - start);
        }
        return best;
    }

    private static double ThreadCpuSeconds()
    {
        if (!OperatingSystem.IsLinux())
            return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time);
        return time.Seconds + time.Nanoseconds / 1e9;
    }

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
