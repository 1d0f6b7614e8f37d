using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Physical;

namespace FramesNet.Plan;

/// <summary>
/// Where a scan's rows come from: files of some format (<see cref="Formats.FileFormat"/>), or batches in memory. Knows its schema without
/// reading data (beyond a sample), estimates its size for planning, and cuts itself into scan partitions.
/// </summary>
public abstract class DataSource
{
    /// <summary>All the columns the source can produce.</summary>
    public abstract Schema Schema { get; }

    /// <summary>Bytes the whole source holds (file sizes; memory size), used to choose join strategies.</summary>
    public abstract long EstimatedBytes { get; }

    /// <summary>A short description for EXPLAIN, e.g. <c>csv [8 files, 437.4 MB] /data/trips-*.csv</c>.</summary>
    public abstract string Describe();

    /// <summary>The pieces a scan is cut into, each the input of one task, reading only <paramref name="columns"/>.</summary>
    internal abstract IReadOnlyList<ScanPartition> Partitions(Schema columns, PhysicalOptions options);

    /// <summary>
    /// The pieces of a scan with <paramref name="filter"/> (null for none): a source that can tell from its metadata
    /// that a piece holds no matching row (Parquet's row-group statistics, Hive partition values) leaves it out. The
    /// filter still runs on every row read, so a source may keep pieces it cannot rule out.
    /// </summary>
    internal virtual IReadOnlyList<ScanPartition> Partitions(Schema columns, Expr? filter, PhysicalOptions options) => Partitions(columns, options);

    /// <summary>What the source itself does with a scan's columns and filter, for EXPLAIN (e.g. row groups skipped), or null.</summary>
    public virtual string? DescribePushdown(IReadOnlyList<string> columns, Expr? filter) => null;

    /// <summary>Distinct combinations of <paramref name="columns"/> per row in a small sample, or null when the source cannot tell cheaply.</summary>
    internal virtual double? SampleDistinctRatio(IReadOnlyList<string> columns) => null;

    internal static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
