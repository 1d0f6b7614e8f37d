namespace FramesNet.Formats.Parquet;

/// <summary>How Parquet files are read.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>
    /// Folder names of the form <c>key=value</c> between the pattern's fixed prefix and a file (Hive-style partitioning,
    /// <c>/data/trips/year=2024/month=05/part-0.parquet</c>) become columns after the file's own: int64 when every file's
    /// value is an integer, else utf8. Filters on them skip whole files. Default: on.
    /// </summary>
    public bool HivePartitions { get; init; } = true;
}
