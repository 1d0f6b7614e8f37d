using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Plan;

namespace FramesNet.Physical;

internal sealed partial class PhysicalPlanner
{
    /// <summary>
    /// Top-k: each partition keeps its best k, one task picks the best k of those. Full sort: each
    /// partition also yields a sample; one task turns the samples into key-range boundaries; every
    /// partition is cut into those ranges; each range is gathered and sorted by one task. The result's
    /// partitions are the ranges, in order.
    /// </summary>
    private PartitionSet PlanSort(SortNode sort)
    {
        var input = Plan(sort.Input);
        var keys = sort.Keys.Select(k => new SortColumn(input.Schema.IndexOf(k.Column), k.Descending, k.NullsGoFirst)).ToArray();
        var keyText = string.Join(", ", sort.Keys);
        if (sort.Limit is { } limit)
        {
            var k = (int)Math.Min(limit, int.MaxValue);
            var top = input.Then(schema => new TopKOperator(schema, keys, k, keyText));
            return top.Parts.Count <= 1 ? top : MergeIntoOne(top, "top_k", schema => new TopKOperator(schema, keys, k, keyText));
        }
        if (input.Parts.Count <= 1)
            return input.Then(schema => new SortOperator(schema, keys, keyText));
        var buckets = _options.EffectiveShuffleBuckets;
        var sampled = CutIntoBuckets(input, "sort_sample", new SampleSink(Math.Max(64, 16 * buckets)));
        var boundaries = Cut(new PartitionSet(input.Schema,
            [PendingPartition.Over(input.Schema, sampled[1]).Then(new SortBoundariesOperator(input.Schema, keys, buckets, keyText))]), "sort_boundaries");
        var ranges = sampled[0].Select(data => PendingPartition.Over(input.Schema, [data])).ToList();
        // Each range task reads only its sample bucket, so the boundaries are its first and only side input.
        var side = ranges.Select(part => part.AddSideInput(boundaries)).Distinct().Single();
        var byRange = CutIntoBuckets(new PartitionSet(input.Schema, ranges), "sort_partition", new RangePartitionSink(keys, buckets, keyText, side));
        return new PartitionSet(input.Schema, byRange.Select(r => PendingPartition.Over(input.Schema, r).Then(new SortOperator(input.Schema, keys, keyText))).ToList());
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
