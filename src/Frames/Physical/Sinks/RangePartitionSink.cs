using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;

namespace FramesNet.Physical;

/// <summary>
/// Cuts the output into key ranges for a distributed sort: the boundaries come from side input
/// <c>sideInput</c> (one batch of sort-key rows), so bucket i holds only keys below those of bucket i + 1.
/// </summary>
internal sealed class RangePartitionSink(IReadOnlyList<SortColumn> keys, int buckets, string keyText, int sideInput) : TaskSink, ISideInputReader
{
    public int SideInput => sideInput;

    public Schema ExpectedSideInput(Schema input) => SortBoundariesOperator.NoBoundaries(input, keys).Schema;

    internal IReadOnlyList<SortColumn> Keys => keys;

    internal string KeyText => keyText;

    public override int Buckets { get; } = buckets;

    public override string Describe() => $"RangePartition [{keyText}] into {Buckets}";

    public override string Spec => $"{Describe()} side={sideInput}";

    public override IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context)
    {
        var boundaries = context.SideInput(sideInput);
        var partitioner = new RangePartitioner(boundaries.Count == 0 ? SortBoundariesOperator.NoBoundaries(schema, keys) : boundaries[0], keys);
        var output = BucketWriter.Split(batches, partitioner.Partition, partitioner.BucketCount, context);
        // Fewer distinct boundaries than buckets leave the last buckets empty; the stage still has Buckets outputs.
        return output.Length == Buckets ? output : [.. output, .. Enumerable.Range(0, Buckets - output.Length).Select(_ => new List<RecordBatch>())];
    }
}
