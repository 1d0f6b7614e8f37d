using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;

namespace FramesNet.Physical;

/// <summary>
/// Cuts the output into buckets by the hash of key columns, the map side of a shuffle. Uses the hash's
/// high bits, so the hash tables downstream (which index by the low bits) still spread a bucket's keys.
/// </summary>
internal sealed class HashPartitionSink(IReadOnlyList<int> keys, IReadOnlyList<string> keyNames, int buckets) : TaskSink
{
    public override int Buckets { get; } = buckets;

    public override string Describe() => $"HashPartition [{string.Join(", ", keyNames)}] into {Buckets}";

    public override IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context)
    {
        var output = Enumerable.Range(0, Buckets).Select(_ => new List<RecordBatch>()).ToArray();
        var keyIndices = keys.ToArray();
        foreach (var batch in batches)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var hashes = RowHasher.Hash(batch, keyIndices);
            var counts = new int[Buckets];
            var bucketOf = new int[batch.Length];
            for (var i = 0; i < hashes.Length; i++)
                counts[bucketOf[i] = Bucket(hashes[i], Buckets)]++;
            var rows = new int[Buckets][];
            for (var b = 0; b < Buckets; b++)
                rows[b] = new int[counts[b]];
            Array.Clear(counts);
            for (var i = 0; i < bucketOf.Length; i++)
                rows[bucketOf[i]][counts[bucketOf[i]]++] = i;
            for (var b = 0; b < Buckets; b++)
                if (rows[b].Length > 0)
                    output[b].Add(rows[b].Length == batch.Length ? context.Keep(batch) : RecordBatchKernels.Take(batch, rows[b]));
            if (!output.Any(o => o.Count > 0 && ReferenceEquals(o[^1], batch)))
                context.Release(batch);
        }
        return output;
    }

    /// <summary>Bucket of a hash: multiply-shift on the high 32 bits, uniform for any bucket count.</summary>
    internal static int Bucket(ulong hash, int buckets) => (int)(((hash >> 32) * (ulong)buckets) >> 32);
}
