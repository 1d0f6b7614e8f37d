using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>Splits a batch into one batch per bucket, keeping row order inside each bucket.</summary>
internal static class Buckets
{
    public static RecordBatch[] Split(RecordBatch batch, int[] buckets, int count)
    {
        var starts = new int[count + 1];
        foreach (var bucket in buckets)
            starts[bucket + 1]++;
        for (var b = 0; b < count; b++)
            starts[b + 1] += starts[b];
        var order = new int[buckets.Length];
        var next = (int[])starts.Clone();
        for (var i = 0; i < buckets.Length; i++)
            order[next[buckets[i]]++] = i;
        var result = new RecordBatch[count];
        for (var b = 0; b < count; b++)
        {
            var length = starts[b + 1] - starts[b];
            result[b] = length == batch.Length ? RecordBatchKernels.Share(batch)
                : length == 0 ? RecordBatchKernels.Empty(batch.Schema)
                : RecordBatchKernels.Take(batch, order.AsSpan(starts[b], length));
        }
        return result;
    }
}
