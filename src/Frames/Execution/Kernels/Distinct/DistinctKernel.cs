using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Streaming DISTINCT: each <see cref="Consume"/> returns the rows of the batch whose key (the given columns, or the
/// whole row) has not been seen before, whole rows in input order, so the first row of each key wins. Keys compare
/// like GROUP BY keys (nulls equal, -0.0 = 0.0, NaNs equal). Combining partial results is the same operation:
/// feed the partial outputs into another DistinctKernel.
/// </summary>
public sealed class DistinctKernel
{
    private readonly int[] _keys;
    private readonly IGroupIndex _seen;

    /// <param name="keyColumns">Columns that decide distinctness; null for the whole row.</param>
    public DistinctKernel(Schema schema, IReadOnlyList<int>? keyColumns = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _keys = (keyColumns ?? Enumerable.Range(0, schema.Count).ToArray()).ToArray();
        foreach (var key in _keys)
            if ((uint)key >= (uint)schema.Count)
                throw new ArgumentException($"distinct key column {key} is outside the schema's {schema.Count} columns");
        _seen = GroupIndex.Create(_keys.Select(k => schema[k].Type).ToArray());
    }

    public Schema Schema { get; }

    /// <summary>Distinct keys seen so far.</summary>
    public int Count => _seen.Count;

    /// <summary>The rows of <paramref name="batch"/> with keys never seen before (possibly none).</summary>
    public RecordBatch Consume(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.ColumnCount != Schema.Count)
            throw new ArgumentException($"distinct expects {Schema.Count} columns, the batch has {batch.ColumnCount}");
        var before = _seen.Count;
        var ids = new int[batch.Length];
        var keys = _keys.Select(k => batch.Column(k) is DictionaryColumn d ? ColumnKernels.Decode(d) : batch.Column(k)).ToArray();
        var opened = _seen.Insert(keys, ids);
        if (opened == 0)
            return RecordBatchKernels.Empty(batch.Schema);
        var taken = new bool[opened];
        var rows = new List<int>(opened);
        for (var i = 0; i < ids.Length; i++)
        {
            var fresh = ids[i] - before;
            if (fresh >= 0 && !taken[fresh])
            {
                taken[fresh] = true;
                rows.Add(i);
            }
        }
        return rows.Count == batch.Length ? RecordBatchKernels.Share(batch) : RecordBatchKernels.Take(batch, rows.ToArray());
    }
}
