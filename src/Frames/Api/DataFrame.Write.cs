using FramesNet.Execution;
using FramesNet.Formats;
using FramesNet.Formats.Parquet;
using FramesNet.Physical;
using FramesNet.Plan.Optimizer;

namespace FramesNet;

public sealed partial class DataFrame
{
    /// <summary>
    /// Writes the result to <paramref name="folder"/> as CSV, one file per partition that has rows
    /// (<c>part-00000.csv</c>, …; numbers may skip empty partitions), each written atomically; a result without
    /// rows is one file with the header. Returns the files written (whole paths) and their row counts.
    /// </summary>
    /// <param name="overwrite">Replace the part files of an earlier write; without it a folder that has some is an error.</param>
    public Table WriteCsv(string folder, bool overwrite = false, CancellationToken cancellationToken = default) =>
        WriteAsync(folder, TableFormat.Csv, overwrite, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    /// <summary>Like <see cref="WriteCsv"/>, as Arrow IPC files (<c>part-00000.arrow</c>, …).</summary>
    public Table WriteArrow(string folder, bool overwrite = false, CancellationToken cancellationToken = default) =>
        WriteAsync(folder, TableFormat.ArrowFile, overwrite, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    /// <summary>
    /// Like <see cref="WriteCsv"/>, as Parquet files (<c>part-00000.parquet</c>, …): compressed with snappy (or
    /// <see cref="ParquetWriteOptions.Compression"/>), cut into row groups of at most <see cref="ParquetWriteOptions.RowGroupRows"/>
    /// rows, with statistics, and the Arrow schema stored so dictionaries and time zones read back as written.
    /// </summary>
    public Table WriteParquet(string folder, ParquetWriteOptions? options = null, bool overwrite = false, CancellationToken cancellationToken = default) =>
        WriteAsync(folder, TableFormat.Parquet, overwrite, (options ?? new ParquetWriteOptions()).ToString(), cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    public Task<Table> WriteAsync(string folder, TableFormat format, bool overwrite = false, CancellationToken cancellationToken = default) =>
        WriteAsync(folder, format, overwrite, "", cancellationToken);

    private async Task<Table> WriteAsync(string folder, TableFormat format, bool overwrite, string formatOptions, CancellationToken cancellationToken)
    {
        folder = Path.GetFullPath(folder);
        var existing = Directory.Exists(folder) ? Directory.GetFiles(folder, "part-*.*") : [];
        if (existing.Length > 0 && !overwrite)
            throw new IOException($"{folder} already holds {existing.Length} part files of an earlier write; pass overwrite: true to replace them");
        foreach (var file in existing)
            File.Delete(file);
        Directory.CreateDirectory(folder);
        var optimized = Optimizer.Optimize(Plan, Context.Optimizer);
        var graph = PhysicalPlanner.Build(optimized, Context.Physical, folder, format, formatOptions: formatOptions);
        var written = (await JobRun.RunAsync(JobAction.Write, graph, Context, null,
            watched => Context.Executor.ExecuteAsync(graph, watched, cancellationToken)).ConfigureAwait(false)).SelectMany(p => p).ToList();
        if (written.Sum(b => b.Length) == 0)
        {
            // No partition had rows: one empty file still gives the columns (and a folder readers can open).
            var empty = new FramesNet.Plan.ScanNode(new FramesNet.Plan.MemorySource(Plan.Schema, []));
            graph = PhysicalPlanner.Build(empty, Context.Physical, folder, format, keepEmpty: true, formatOptions);
            written = (await JobRun.RunAsync(JobAction.Write, graph, Context, null,
                watched => Context.Executor.ExecuteAsync(graph, watched, cancellationToken)).ConfigureAwait(false)).SelectMany(p => p).ToList();
        }
        return new Table(WriteFileSink.ResultSchema, written);
    }
}
