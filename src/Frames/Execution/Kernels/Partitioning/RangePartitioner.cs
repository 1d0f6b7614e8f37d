using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Rows → buckets by sort key ranges, for distributed sorts: with boundaries b0 ≤ b1 ≤ … (B - 1 rows), bucket i holds
/// the rows r with b(i-1) ≤ r &lt; b(i) under the sort order, so sorting each bucket and concatenating the buckets
/// in order sorts the whole input. A row equal to a boundary goes to the bucket after it.
/// </summary>
public sealed class RangePartitioner
{
    private readonly SortColumn[] _keys;
    private readonly SortRows _boundaries;

    /// <param name="boundaries">The key columns only, in key order, sorted: B - 1 rows for B buckets.</param>
    /// <param name="keys">The sort keys, naming columns of the batches to partition.</param>
    public RangePartitioner(RecordBatch boundaries, IReadOnlyList<SortColumn> keys)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        if (boundaries.ColumnCount != keys.Count)
            throw new ArgumentException($"boundaries have {boundaries.ColumnCount} columns for {keys.Count} sort keys");
        _keys = keys.ToArray();
        Boundaries = boundaries;
        _boundaries = new SortRows(boundaries.Columns, _keys);
    }

    /// <summary>Boundaries at even quantiles of a sample of the input (batches with the input's schema).</summary>
    public static RangePartitioner FromSample(IReadOnlyList<RecordBatch> sample, IReadOnlyList<SortColumn> keys, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        if (sample.Count == 0)
            throw new ArgumentException("a range partitioner needs at least one sample batch (it may be empty) for the schema");
        var all = RecordBatchKernels.Concat(sample);
        var projected = all.Select(keys.Select(k => k.Column).ToArray());
        var renumbered = keys.Select((k, i) => k with { Column = i }).ToArray();
        var sorted = SortKernel.Sort(projected, renumbered);
        var picks = new List<int>();
        if (sorted.Length > 0)
            for (var b = 1; b < bucketCount; b++)
                picks.Add((int)((long)b * sorted.Length / bucketCount));
        return new RangePartitioner(RecordBatchKernels.Take(sorted, picks.ToArray()), keys);
    }

    public RecordBatch Boundaries { get; }

    /// <summary>Boundary rows + 1 (at least 1).</summary>
    public int BucketCount => Boundaries.Length + 1;

    /// <summary>The bucket of every row: how many boundaries are ≤ the row (binary search).</summary>
    public int[] Assign(RecordBatch batch)
    {
        var rows = SortRows.Of(batch, _keys);
        var buckets = new int[batch.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            int lo = 0, hi = _boundaries.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (SortRows.Compare(rows, i, _boundaries, mid) >= 0) lo = mid + 1;
                else hi = mid;
            }
            buckets[i] = lo;
        }
        return buckets;
    }

    public RecordBatch[] Partition(RecordBatch batch) => Buckets.Split(batch, Assign(batch), BucketCount);
}
