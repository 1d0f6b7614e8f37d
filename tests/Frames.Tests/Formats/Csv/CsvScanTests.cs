using FramesNet.Formats.Csv;
using static FramesNet.Tests.Formats.Csv.CsvTestFiles;

namespace FramesNet.Tests.Formats.Csv;

public sealed class CsvScanTests : IDisposable
{
    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string[] Parts(int files, int rows) => Enumerable.Range(0, files)
        .Select(f => _files.Write($"p{f}.csv", "n,s\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{f * rows + i},text {i}\n"))))
        .ToArray();

    [Fact]
    public void A_consumer_that_stops_early_stops_the_workers()
    {
        var scan = CsvReader.Open(Parts(6, 2000), new CsvReadOptions { Parallelism = 3, BatchRows = 100, RangeBytes = 4096 });

        var first = scan.ReadBatches().Take(3).ToList();

        Assert.Equal(300, first.Sum(b => b.Length));
        Assert.Equal(300, scan.Report.Rows);
    }

    [Fact]
    public async Task Reading_from_a_busy_thread_pool_does_not_starve()
    {
        var paths = Parts(4, 3000);
        // Every pool thread blocks on a read whose workers must not need the pool.
        var reads = Enumerable.Range(0, 2 * Environment.ProcessorCount + 2)
            .Select(_ => Task.Run(() => Rows(CsvReader.Open(paths, new CsvReadOptions { Parallelism = 4, RangeBytes = 8192 }).ReadBatches()).Count))
            .ToArray();

        var counts = await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(counts, count => Assert.Equal(12_000, count));
    }

    [Fact]
    public void Cancelling_stops_the_read()
    {
        using var cancel = new CancellationTokenSource();
        var scan = CsvReader.Open(Parts(4, 5000), new CsvReadOptions { BatchRows = 500, RangeBytes = 8192 });

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var batch in scan.ReadBatches(cancel.Token))
            {
                batch.Dispose();
                cancel.Cancel();
            }
        });
    }

    [Fact]
    public void A_bad_header_in_a_later_file_fails_in_its_place()
    {
        var good = Parts(1, 10)[0];
        var bad = _files.Write("bad.csv", "n,n\n1,2\n");
        var seen = 0L;

        var error = Assert.Throws<CsvFormatException>(() =>
        {
            foreach (var batch in CsvReader.Open([good, bad], new CsvReadOptions { Schema = CsvTestFiles.Utf8Schema("n", "s") }).ReadBatches())
            {
                seen += batch.Length;
                batch.Dispose();
            }
        });

        Assert.Equal(10, seen);
        Assert.Equal($"{bad}:1: field 2 ('n'): duplicate column name (also field 1)", error.Message);
    }

    [Fact]
    public void Reading_twice_gives_the_same_rows()
    {
        var scan = CsvReader.Open(Parts(3, 500), new CsvReadOptions { RangeBytes = 2048 });

        Assert.Equal(Rows(scan.ReadBatches()), Rows(scan.ReadBatches()));
    }
}
