using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;

namespace FramesNet.Physical;

/// <summary>Cuts the output into buckets by the hash of key columns: the map side of a shuffle.</summary>
internal sealed class HashPartitionSink(IReadOnlyList<int> keys, IReadOnlyList<string> keyNames, int buckets) : TaskSink
{
    internal IReadOnlyList<int> Keys => keys;

    internal IReadOnlyList<string> KeyNames => keyNames;

    private readonly HashPartitioner _partitioner = new(keys, buckets);

    public override int Buckets { get; } = buckets;

    public override string Describe() => $"HashPartition [{string.Join(", ", keyNames)}] into {Buckets}";

    public override IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context) =>
        BucketWriter.Split(batches, _partitioner.Partition, Buckets, context);
}
