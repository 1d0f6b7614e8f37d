using FramesNet.Columns;
using FramesNet.Plan;
using KernelSortKey = FramesNet.Execution.Kernels.SortKey;

namespace FramesNet.Physical;

internal sealed partial class PhysicalPlanner
{
    /// <summary>
    /// Top-k: each partition keeps its best k, one task picks the best k of those. Full sort: each
    /// partition sorts its rows, one task merges the sorted runs.
    /// </summary>
    private PartitionSet PlanSort(SortNode sort)
    {
        var input = Plan(sort.Input);
        var keys = sort.Keys.Select(k => new KernelSortKey(input.Schema.IndexOf(k.Column), k.Descending, k.NullsGoFirst)).ToArray();
        var keyText = string.Join(", ", sort.Keys);
        if (sort.Limit is { } limit)
        {
            var k = (int)Math.Min(limit, int.MaxValue);
            var top = input.Then(schema => new TopKOperator(schema, keys, k, keyText));
            return top.Parts.Count <= 1 ? top : MergeIntoOne(top, "top_k", schema => new TopKOperator(schema, keys, k, keyText));
        }
        var sorted = input.Then(schema => new SortOperator(schema, keys, keyText));
        return sorted.Parts.Count <= 1 ? sorted : MergeIntoOne(sorted, "sort", schema => new MergeSortedOperator(schema, keys, keyText));
    }

    /// <summary>
    /// With keys: a hash shuffle into the wanted number of partitions. Without: the rows, in order, cut
    /// into that many contiguous partitions of (nearly) equal size.
    /// </summary>
    private PartitionSet PlanRepartition(RepartitionNode node)
    {
        var input = Plan(node.Input);
        if (input.Parts.Count == 0)
            return input;
        if (node.Keys.Count == 0 && input.Parts.Count > 1)
            input = MergeIntoOne(input, "repartition_gather");
        TaskSink sink = node.Keys.Count == 0
            ? new EvenSplitSink(node.Partitions)
            : new HashPartitionSink(node.Keys.Select(input.Schema.IndexOf).ToArray(), node.Keys, node.Partitions);
        var buckets = CutIntoBuckets(input, "repartition", sink);
        return new PartitionSet(input.Schema, buckets.Select(b => PendingPartition.Over(input.Schema, b)).ToList());
    }
}
