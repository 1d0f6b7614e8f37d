using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// The first <c>k</c> rows under a sort order, streaming: each batch is cut to the rows that beat the current
/// k-th row, a bounded max-heap keeps the best k of those, and the survivors merge with the previous best.
/// Equal to a stable full sort followed by taking k rows (ties go to the row consumed first).
/// </summary>
public sealed class TopK
{
    private readonly int _k;
    private readonly SortColumn[] _keys;
    private RecordBatch? _best;
    private SortRows? _bestRows;

    public TopK(Schema schema, IReadOnlyList<SortColumn> keys, int k)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        foreach (var key in keys)
            if ((uint)key.Column >= (uint)schema.Count)
                throw new ArgumentException($"sort key column {key.Column} is outside the schema's {schema.Count} columns");
        Schema = schema;
        _keys = keys.ToArray();
        _k = k;
    }

    public Schema Schema { get; }

    public void Consume(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Length == 0 || _k == 0)
            return;
        var rows = SortRows.Of(batch, _keys);
        var full = _best is not null && _best.Length == _k;
        var heap = new int[_k];   // max-heap by (key, row): the worst kept row on top
        var size = 0;
        for (var row = 0; row < batch.Length; row++)
        {
            // A row that does not beat the current k-th best can never enter (ties lose: it came later).
            if (full && SortRows.Compare(rows, row, _bestRows!, _k - 1) >= 0)
                continue;
            if (size < _k)
            {
                heap[size++] = row;
                SiftUp(heap, size - 1, rows);
            }
            else if (Worse(rows, heap[0], row))
            {
                heap[0] = row;
                SiftDown(heap, size, rows);
            }
        }
        if (size == 0)
            return;
        var chosen = heap.AsSpan(0, size).ToArray();
        Array.Sort(chosen);
        var candidates = RecordBatchKernels.Take(batch, chosen);
        var merged = _best is null ? candidates : RecordBatchKernels.Concat([_best, candidates]);
        var order = SortKernel.SortIndices(merged, _keys);
        _best = RecordBatchKernels.Take(merged, order.AsSpan(0, Math.Min(_k, order.Length)));
        _bestRows = SortRows.Of(_best, _keys);
    }

    /// <summary>True when row <paramref name="a"/> sorts after row <paramref name="b"/> (same batch; later row loses ties).</summary>
    private static bool Worse(SortRows rows, int a, int b)
    {
        var c = SortRows.Compare(rows, a, rows, b);
        return c > 0 || (c == 0 && a > b);
    }

    private static void SiftUp(int[] heap, int i, SortRows rows)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(rows, heap[i], heap[parent]))
                break;
            (heap[i], heap[parent]) = (heap[parent], heap[i]);
            i = parent;
        }
    }

    private static void SiftDown(int[] heap, int size, SortRows rows)
    {
        var i = 0;
        while (true)
        {
            var worst = i;
            int l = 2 * i + 1, r = l + 1;
            if (l < size && Worse(rows, heap[l], heap[worst])) worst = l;
            if (r < size && Worse(rows, heap[r], heap[worst])) worst = r;
            if (worst == i)
                return;
            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }

    /// <summary>The best rows so far, sorted (at most k).</summary>
    public RecordBatch Finish() => _best ?? RecordBatchKernels.Empty(Schema);
}
