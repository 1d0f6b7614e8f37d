using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;
using KernelSortKey = FramesNet.Execution.Kernels.SortKey;

namespace FramesNet.Physical;

/// <summary>Merges the task's input partitions, each already sorted, into one sorted stream (ties keep partition order).</summary>
internal sealed class MergeSortedOperator(Schema schema, IReadOnlyList<KernelSortKey> keys, string keyText) : PhysicalOperator
{
    public override string Name => "merge_sorted";

    public override Schema OutputSchema { get; } = schema;

    public override string Describe() => $"MergeSorted [{keyText}]";

    /// <remarks>Reads the input partitions from the context, not from <paramref name="input"/>: it needs them apart.</remarks>
    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context) =>
        SortedMerge.MergeSorted(context.InputPartitions.Select(p => (IEnumerable<RecordBatch>)p).ToArray(), keys);
}
