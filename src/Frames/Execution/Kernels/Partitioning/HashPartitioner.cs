using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Rows → buckets by the hash of their key columns (<see cref="RowHasher"/>), for shuffles. Deterministic in every
/// process, so equal keys from any worker, either join side, or any integer width land in the same bucket.
/// </summary>
/// <remarks>
/// The bucket comes from the hash's high 32 bits (multiply-shift range reduction), while hash tables index by the
/// low bits: rows that share a bucket still spread evenly over the tables built from it.
/// </remarks>
public sealed class HashPartitioner
{
    private readonly int[] _keys;

    public HashPartitioner(IReadOnlyList<int> keyColumns, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        _keys = keyColumns.ToArray();
        BucketCount = bucketCount;
    }

    public int BucketCount { get; }

    public static int BucketOf(ulong hash, int bucketCount) => (int)(((hash >> 32) * (ulong)bucketCount) >> 32);

    /// <summary>The bucket of every row.</summary>
    public int[] Assign(RecordBatch batch)
    {
        var hashes = RowHasher.Hash(batch, _keys);
        var buckets = new int[hashes.Length];
        for (var i = 0; i < hashes.Length; i++)
            buckets[i] = BucketOf(hashes[i], BucketCount);
        return buckets;
    }

    /// <summary><see cref="BucketCount"/> batches (empty ones included), rows in input order within each.</summary>
    public RecordBatch[] Partition(RecordBatch batch) => Buckets.Split(batch, Assign(batch), BucketCount);
}
