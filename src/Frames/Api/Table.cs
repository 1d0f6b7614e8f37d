using System.Collections;
using FramesNet.Columns;
using FramesNet.Execution.Kernels;

namespace FramesNet;

/// <summary>
/// A collected result: Arrow record batches under one schema, in memory. Prints as an aligned text
/// table, enumerates as rows, and turns back into a DataFrame or into files, or into Apache.Arrow (<see cref="ToArrow"/>).
/// </summary>
/// <remarks>
/// Disposing a table disposes its batches, so their buffers go back to Frames' pool (optional: the GC reclaims a
/// table that is not disposed). Apache.Arrow batches made by <see cref="ToArrow"/> stay valid after that.
/// </remarks>
public sealed class Table : IEnumerable<TableRow>, IDisposable
{
    private Column[]? _combined;

    public Table(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        Schema = schema;
        Batches = batches;
        RowCount = batches.Sum(b => (long)b.Length);
    }

    public Schema Schema { get; }

    public IReadOnlyList<RecordBatch> Batches { get; }

    public long RowCount { get; }

    public IReadOnlyList<string> ColumnNames => Schema.Fields.Select(f => f.Name).ToArray();

    /// <summary>The whole column called <paramref name="name"/> as one Arrow array.</summary>
    public Column Column(string name) => Combined()[Schema.IndexOf(name)];

    public Column Column(int index) => Combined()[index];

    /// <summary>Row <paramref name="index"/> (boxed values: for reading results, not for hot loops).</summary>
    public TableRow this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            foreach (var batch in Batches)
            {
                if (index < batch.Length)
                    return new TableRow(batch, (int)index);
                index -= batch.Length;
            }
            throw new ArgumentOutOfRangeException(nameof(index), $"the table has {RowCount} rows");
        }
    }

    /// <summary>The value in row <paramref name="row"/> of column <paramref name="column"/>, converted to <typeparamref name="T"/>.</summary>
    public T? Get<T>(long row, string column) => (T?)this[row][column];

    /// <summary>Turns the rows back into a DataFrame (in <paramref name="context"/>, the local one by default).</summary>
    public DataFrame ToDataFrame(FramesContext? context = null, int partitions = 1) =>
        new(new Plan.ScanNode(new Plan.MemorySource(Schema, Batches, partitions)), context ?? FramesContext.Local);

    /// <summary>
    /// The table as Apache.Arrow record batches over the same buffers (no values are copied: the cost is a few
    /// objects per column and batch). Each Apache.Arrow buffer holds the Frames memory it views until it is
    /// garbage-collected, so the batches stay valid after this table is disposed; disposing them frees nothing.
    /// </summary>
    public IReadOnlyList<Apache.Arrow.RecordBatch> ToArrowBatches() => Batches.Select(Interop.ApacheArrow.ToApache).ToArray();

    /// <summary>The table as an <c>Apache.Arrow.Table</c> over the same buffers (one chunk per batch; lifetime as for <see cref="ToArrowBatches"/>).</summary>
    public Apache.Arrow.Table ToArrow() =>
        Apache.Arrow.Table.TableFromRecordBatches(Interop.ApacheArrow.ToApache(Schema), [.. ToArrowBatches()]);

    /// <summary>Disposes the batches (their buffers return to the pool once nothing else holds them).</summary>
    public void Dispose()
    {
        foreach (var batch in Batches)
            batch.Dispose();
    }

    public IEnumerator<TableRow> GetEnumerator()
    {
        foreach (var batch in Batches)
            for (var r = 0; r < batch.Length; r++)
                yield return new TableRow(batch, r);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => ToString(20);

    public string ToString(int maxRows) => TextTable.Render(Schema, Batches, maxRows, RowCount);

    private Column[] Combined()
    {
        if (_combined is not null)
            return _combined;
        var nonEmpty = Batches.Where(b => b.Length > 0).ToList();
        _combined = nonEmpty.Count == 0
            ? RecordBatchKernels.Empty(Schema).Columns.ToArray()
            : Enumerable.Range(0, Schema.Count).Select(c => ColumnKernels.Concat(nonEmpty.Select(b => b.Column(c)).ToArray())).ToArray();
        return _combined;
    }
}

/// <summary>One row of a <see cref="Table"/>, read by column name or position.</summary>
public readonly struct TableRow
{
    private readonly RecordBatch _batch;
    private readonly int _row;

    internal TableRow(RecordBatch batch, int row)
    {
        _batch = batch;
        _row = row;
    }

    public object? this[string column] => _batch.Column(column).GetValue(_row);

    public object? this[int column] => _batch.Column(column).GetValue(_row);

    public override string ToString()
    {
        var batch = _batch;
        var row = _row;
        return "{" + string.Join(", ", batch.Schema.Fields.Select((f, c) => $"{f.Name}: {ValueFormatter.Format(batch.Column(c), row) ?? "null"}")) + "}";
    }
}
