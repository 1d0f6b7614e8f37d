using FramesNet.Formats;
using FramesNet.Physical;
using FramesNet.Plan.Optimizer;

namespace FramesNet;

public sealed partial class DataFrame
{
    /// <summary>
    /// Writes the result to <paramref name="folder"/> as CSV, one file per partition (<c>part-00000.csv</c>, …),
    /// each written atomically. Returns the files written and their row counts.
    /// </summary>
    /// <param name="overwrite">Replace the part files of an earlier write; without it a folder that has some is an error.</param>
    public Table WriteCsv(string folder, bool overwrite = false, CancellationToken cancellationToken = default) =>
        WriteAsync(folder, TableFormat.Csv, overwrite, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    /// <summary>Like <see cref="WriteCsv"/>, as Arrow IPC files (<c>part-00000.arrow</c>, …).</summary>
    public Table WriteArrow(string folder, bool overwrite = false, CancellationToken cancellationToken = default) =>
        WriteAsync(folder, TableFormat.ArrowFile, overwrite, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    public async Task<Table> WriteAsync(string folder, TableFormat format, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        folder = Path.GetFullPath(folder);
        var existing = Directory.Exists(folder) ? Directory.GetFiles(folder, "part-*.*") : [];
        if (existing.Length > 0 && !overwrite)
            throw new IOException($"{folder} already holds {existing.Length} part files of an earlier write; pass overwrite: true to replace them");
        foreach (var file in existing)
            File.Delete(file);
        Directory.CreateDirectory(folder);
        var graph = PhysicalPlanner.Build(Optimizer.Optimize(Plan, Context.Optimizer), Context.Physical, folder, format);
        var partitions = await Context.Executor.ExecuteAsync(graph, Context.Progress, cancellationToken).ConfigureAwait(false);
        return new Table(WriteFileSink.ResultSchema, partitions.SelectMany(p => p).ToList());
    }
}
