using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>The column kernels applied to every column of a batch, sharing the work that depends only on the rows.</summary>
public static class RecordBatchKernels
{
    /// <summary>The rows where <paramref name="mask"/> is true (a null entry drops the row). Shares the input's buffers when every row is kept.</summary>
    public static RecordBatch Filter(RecordBatch batch, BooleanColumn mask)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length != batch.Length)
            throw new ArgumentException($"mask has {mask.Length} entries, the batch {batch.Length} rows");
        var words = Selection.SelectedWords(mask);
        var count = Selection.Count(words);
        if (count == batch.Length)
            return Share(batch);
        if (count == 0)
            return Empty(batch.Schema);
        var indices = Selection.Indices(words, count);
        var columns = new Column[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
            columns[c] = ColumnKernels.TakeValid(batch.Column(c), indices);
        return new RecordBatch(batch.Schema, columns, count);
    }

    /// <summary>Row <c>indices[i]</c> of <paramref name="batch"/> at position i; -1 yields a row of nulls.</summary>
    public static RecordBatch Take(RecordBatch batch, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var columns = new Column[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
            columns[c] = ColumnKernels.Take(batch.Column(c), indices);
        return new RecordBatch(batch.Schema, columns, indices.Length);
    }

    /// <summary>
    /// The rows of <paramref name="batches"/> one after another, under the first batch's names; columns must have
    /// the same logical types, however each batch stores them (see <see cref="ColumnKernels.Concat"/>).
    /// </summary>
    public static RecordBatch Concat(IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0)
            throw new ArgumentException("nothing to concatenate: at least one batch is needed (its schema is the result's)");
        var schema = batches[0].Schema;
        if (batches.Count == 1)
            return Share(batches[0]);
        long rows = 0;
        foreach (var batch in batches)
        {
            if (batch.ColumnCount != schema.Count)
                throw new ArgumentException($"cannot concatenate a batch of {batch.ColumnCount} columns to one of {schema.Count}");
            rows += batch.Length;
        }
        if (rows > int.MaxValue)
            throw new InvalidOperationException($"concatenating {rows} rows exceeds one batch's limit");
        var columns = new Column[schema.Count];
        var parts = new Column[batches.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var b = 0; b < parts.Length; b++)
                parts[b] = batches[b].Column(c);
            columns[c] = ColumnKernels.Concat(parts);
        }
        return RecordBatch.ForSchema(schema, columns, (int)rows);
    }

    /// <summary>
    /// A new batch over the same columns: kernels never hand back their input batch itself, so disposing the
    /// input never disposes a result (the shared buffers stay alive until both are disposed).
    /// </summary>
    internal static RecordBatch Share(RecordBatch batch) => new(batch.Schema, batch.Columns, batch.Length);

    /// <summary>A batch of no rows.</summary>
    public static RecordBatch Empty(Schema schema) =>
        new(schema, schema.Fields.Select(f => KernelBuffers.Empty(f.Type)).ToArray(), 0);
}
