namespace FramesNet.Physical;

/// <summary>How the physical planner cuts work into tasks.</summary>
public sealed record PhysicalOptions
{
    /// <summary>Target bytes of input per scan task (big files are split into byte ranges of about this size).</summary>
    public long ScanPartitionBytes { get; init; } = 32L << 20;

    /// <summary>
    /// Partitions a scan aims for: files are cut into byte ranges only when there are fewer files than this
    /// (cutting costs a pass over the file to find row starts). 0 = twice the cores.
    /// </summary>
    public int TargetScanPartitions { get; init; }

    public int EffectiveTargetScanPartitions => TargetScanPartitions > 0 ? TargetScanPartitions : 2 * Environment.ProcessorCount;

    /// <summary>Rows per batch that scans produce.</summary>
    public int BatchRows { get; init; } = 64 * 1024;

    /// <summary>How many partial results one combine task merges in a tree reduction.</summary>
    public int TreeFanIn { get; init; } = 8;

    /// <summary>Buckets of a hash shuffle (group-by, join, distinct, sort ranges); 0 = twice the cores.</summary>
    public int ShuffleBuckets { get; init; }

    /// <summary>How aggregates and distincts combine partial results across partitions.</summary>
    public CombineStrategy Combine { get; init; } = CombineStrategy.Auto;

    public int EffectiveShuffleBuckets => ShuffleBuckets > 0 ? ShuffleBuckets : Math.Max(2, 2 * Environment.ProcessorCount);

    public static PhysicalOptions Default { get; } = new();
}

/// <summary>Tree reduction suits few groups; a hash shuffle suits many (the partial results do not shrink).</summary>
public enum CombineStrategy
{
    /// <summary>Shuffle when the keys look high-cardinality in a sample of the input, else tree; with no sample, distincts shuffle and group-bys use a tree.</summary>
    Auto,
    Tree,
    Shuffle,
}
