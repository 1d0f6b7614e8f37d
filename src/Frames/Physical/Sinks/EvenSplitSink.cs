using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>Cuts the output into buckets of (nearly) equal row counts, in order: bucket 0 gets the first rows, and so on.</summary>
internal sealed class EvenSplitSink(int buckets) : TaskSink
{
    public override int Buckets { get; } = buckets;

    public override string Describe() => $"Split evenly into {Buckets}";

    public override IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context)
    {
        // Contiguous slices: bucket b gets rows [ceil(b·n/B), ceil((b+1)·n/B)) of the task's output.
        var all = batches.Where(b => b.Length > 0).Select(context.Keep).ToList();
        long total = all.Sum(b => (long)b.Length);
        var output = Enumerable.Range(0, Buckets).Select(_ => new List<RecordBatch>()).ToArray();
        long position = 0;
        foreach (var batch in all)
        {
            var start = 0;
            while (start < batch.Length)
            {
                var p = position + start;
                var bucket = (int)(p * Buckets / total);
                var bucketEnd = ((bucket + 1) * total + Buckets - 1) / Buckets;
                var take = (int)Math.Min(batch.Length - start, bucketEnd - p);
                output[bucket].Add(batch.Slice(start, take));
                start += take;
            }
            position += batch.Length;
            batch.Dispose();
        }
        return output;
    }
}
