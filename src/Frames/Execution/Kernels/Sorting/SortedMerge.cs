using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// k-way merge of sorted runs (each a sequence of batches already sorted by the same keys) into sorted batches.
/// Stable: equal rows come out in run order, then in their order within the run.
/// </summary>
public static class SortedMerge
{
    public static IEnumerable<RecordBatch> MergeSorted(IReadOnlyList<IEnumerable<RecordBatch>> runs, IReadOnlyList<SortColumn> keys,
        int maxBatchRows = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRows, 1);
        var cursors = runs.Select(r => new Cursor(r.GetEnumerator(), keys)).ToList();
        var sources = new List<RecordBatch>();
        var sourceIds = new List<int>();
        var rows = new List<int>();
        while (true)
        {
            Cursor? next = null;
            foreach (var cursor in cursors)
            {
                if (!cursor.Ready())
                    continue;
                // Strictly smaller wins, so ties keep the earlier run.
                if (next is null || SortRows.Compare(cursor.Rows!, cursor.Row, next.Rows!, next.Row) < 0)
                    next = cursor;
            }
            if (next is null)
                break;
            if (sources.Count == 0 || !ReferenceEquals(sources[^1], next.Batch) && !sources.Contains(next.Batch!))
                sources.Add(next.Batch!);
            sourceIds.Add(sources.IndexOf(next.Batch!));
            rows.Add(next.Row++);
            if (rows.Count == maxBatchRows)
            {
                yield return Interleave(sources, sourceIds, rows);
                sources.Clear();
                sourceIds.Clear();
                rows.Clear();
            }
        }
        if (rows.Count > 0)
            yield return Interleave(sources, sourceIds, rows);
    }

    /// <summary>Output row i is row <c>rows[i]</c> of <c>sources[sourceIds[i]]</c>: gather each source once, concatenate, permute.</summary>
    internal static RecordBatch Interleave(List<RecordBatch> sources, List<int> sourceIds, List<int> rows)
    {
        if (sources.Count == 1)
            return RecordBatchKernels.Take(sources[0], rows.ToArray());
        var perSource = sources.Select(_ => new List<int>()).ToList();
        var rank = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            rank[i] = perSource[sourceIds[i]].Count;
            perSource[sourceIds[i]].Add(rows[i]);
        }
        var pieces = sources.Select((s, i) => RecordBatchKernels.Take(s, perSource[i].ToArray())).ToList();
        var starts = new int[pieces.Count];
        for (var s = 1; s < starts.Length; s++)
            starts[s] = starts[s - 1] + pieces[s - 1].Length;
        var combined = RecordBatchKernels.Concat(pieces);
        var permutation = new int[rows.Count];
        for (var i = 0; i < permutation.Length; i++)
            permutation[i] = starts[sourceIds[i]] + rank[i];
        return RecordBatchKernels.Take(combined, permutation);
    }

    private sealed class Cursor(IEnumerator<RecordBatch> batches, IReadOnlyList<SortColumn> keys)
    {
        public RecordBatch? Batch;
        public SortRows? Rows;
        public int Row;

        /// <summary>Moves to the next non-empty batch when the current one is used up; false at the run's end.</summary>
        public bool Ready()
        {
            while (Batch is null || Row >= Batch.Length)
            {
                if (!batches.MoveNext())
                {
                    Batch = null;
                    return false;
                }
                Batch = batches.Current;
                Rows = SortRows.Of(Batch, keys);
                Row = 0;
            }
            return true;
        }
    }
}
