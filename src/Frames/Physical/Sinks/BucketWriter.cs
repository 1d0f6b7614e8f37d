using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>Collects a partitioner's per-batch buckets into the task's bucketed output.</summary>
internal static class BucketWriter
{
    public static IReadOnlyList<RecordBatch>[] Split(IEnumerable<RecordBatch> batches, Func<RecordBatch, RecordBatch[]> partition, int buckets,
        TaskContext context)
    {
        var output = Enumerable.Range(0, buckets).Select(_ => new List<RecordBatch>()).ToArray();
        foreach (var batch in batches)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var parts = partition(batch);
            var kept = false;
            for (var b = 0; b < parts.Length; b++)
            {
                if (parts[b].Length == 0)
                    continue;
                kept |= ReferenceEquals(parts[b], batch);
                output[b].Add(context.Keep(parts[b]));
            }
            if (!kept)
                context.Release(batch);
        }
        return output;
    }
}
