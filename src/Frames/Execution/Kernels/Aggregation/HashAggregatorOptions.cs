namespace FramesNet.Execution.Kernels;

/// <summary>Tuning and ordering knobs for <see cref="HashAggregator"/>.</summary>
public sealed record HashAggregatorOptions
{
    /// <summary>
    /// Index of the input partition this aggregator consumes. first/last order rows by (partition, position in
    /// consumption order), so partial states from several partitions combine as if the partitions were read in
    /// index order. Up to 2^23 partitions of 2^40 rows each.
    /// </summary>
    public int PartitionIndex { get; init; }

    /// <summary>Largest output batch.</summary>
    public int MaxBatchRows { get; init; } = 64 * 1024;
}
