using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;

namespace FramesNet.Physical;

/// <summary>Turns the samples of every partition into the boundaries of <c>buckets</c> key ranges (one batch of key rows).</summary>
internal sealed class SortBoundariesOperator(Schema schema, IReadOnlyList<SortColumn> keys, int buckets, string keyText) : PhysicalOperator
{
    internal Schema InputSchema => schema;

    internal IReadOnlyList<SortColumn> Keys => keys;

    internal int BucketCount => buckets;

    internal string KeyText => keyText;

    public override string Name => "sort_boundaries";

    public override Schema OutputSchema { get; } = NoBoundaries(schema, keys).Schema;

    public override string Describe() => $"SortBoundaries [{keyText}] for {buckets}";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        var sample = input.ToList();
        var partitioner = RangePartitioner.FromSample(sample.Count == 0 ? [RecordBatchKernels.Empty(schema)] : sample, keys, buckets);
        yield return partitioner.Boundaries;
    }

    /// <summary>Boundaries of one range holding everything (when there was nothing to sample).</summary>
    internal static RecordBatch NoBoundaries(Schema schema, IReadOnlyList<SortColumn> keys) =>
        RangePartitioner.FromSample([RecordBatchKernels.Empty(schema)], keys, 1).Boundaries;
}
