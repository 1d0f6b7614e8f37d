using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Stable multi-key sort of a batch: <see cref="SortIndices"/> gives the permutation, <see cref="Sort(RecordBatch, IReadOnlyList{SortColumn})"/>
/// the sorted rows. Rows that compare equal keep their input order. See <see cref="SortColumn"/> for the order of values.
/// </summary>
public static class SortKernel
{
    /// <summary>Row indices of <paramref name="batch"/> in sorted order.</summary>
    public static int[] SortIndices(RecordBatch batch, IReadOnlyList<SortColumn> keys)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var key in keys)
            if ((uint)key.Column >= (uint)batch.ColumnCount)
                throw new ArgumentException($"sort key column {key.Column} is outside the batch's {batch.ColumnCount} columns");
        var rows = SortRows.Of(batch, keys);
        if (rows.SingleFixed is { } values)
            return RadixSort.Indices(values, rows.SingleNulls, keys[0].Descending, keys[0].NullsFirst);
        var indices = new int[batch.Length];
        for (var i = 0; i < indices.Length; i++)
            indices[i] = i;
        // Ties broken by row index make the unstable introsort produce the stable order.
        indices.AsSpan().Sort((a, b) =>
        {
            var c = SortRows.Compare(rows, a, rows, b);
            return c != 0 ? c : a.CompareTo(b);
        });
        return indices;
    }

    public static RecordBatch Sort(RecordBatch batch, IReadOnlyList<SortColumn> keys) =>
        RecordBatchKernels.Take(batch, SortIndices(batch, keys));

    /// <summary>All rows of <paramref name="batches"/> (same schema) sorted into one batch.</summary>
    public static RecordBatch Sort(IReadOnlyList<RecordBatch> batches, IReadOnlyList<SortColumn> keys) =>
        Sort(RecordBatchKernels.Concat(batches), keys);
}
