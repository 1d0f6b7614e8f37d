using FramesNet.Columns;

namespace FramesNet.Worker.Store;

/// <summary>What batches weigh in the store: the sum of their column buffers' lengths (dictionary values included).</summary>
internal static class BatchBytes
{
    public static long Of(IReadOnlyList<RecordBatch> batches)
    {
        var total = 0L;
        foreach (var batch in batches)
            total += Of(batch);
        return total;
    }

    public static long Of(RecordBatch batch)
    {
        var total = 0L;
        foreach (var column in batch.Columns)
            total += Of(column);
        return total;
    }

    private static long Of(Column column)
    {
        var total = 0L;
        foreach (var buffer in column.Buffers)
            total += buffer.Length;
        if (column.DictionaryValues is { } values)
            total += Of(values);
        return total;
    }

    public static long Rows(IReadOnlyList<RecordBatch> batches)
    {
        var rows = 0L;
        foreach (var batch in batches)
            rows += batch.Length;
        return rows;
    }
}
