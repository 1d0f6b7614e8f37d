using FramesNet.Columns;
using FramesNet.Formats.Arrow;

namespace FramesNet.Formats.Parquet;

/// <summary>
/// What the native reader does not promise for a corrupt file and Frames' kernels rely on: string and binary offsets
/// rising inside their data, and dictionary indices inside their dictionary. Checked on every batch read (offsets
/// vectorised, indices one pass over int32s), so corrupt data fails with an error naming the file, row groups and
/// column instead of reading outside a buffer later.
/// </summary>
internal static class ParquetBatchCheck
{
    public static void Check(RecordBatch batch, string path, string where)
    {
        for (var c = 0; c < batch.ColumnCount; c++)
            if (Problem(batch.Column(c)) is { } problem)
                throw new ParquetFormatException(path, $"{where}: column '{batch.Schema[c].Name}': {problem} (a corrupt file?)");
    }

    private static string? Problem(Column column) => column switch
    {
        BinaryColumn b when !OffsetCheck.IsValid(b.Offsets, b.Buffers[2].Length) => b.CheckOffsets() ?? "bad offsets",
        LargeBinaryColumn l when !OffsetCheck.IsValid(l.Offsets, l.Buffers[2].Length) => l.CheckOffsets() ?? "bad offsets",
        DictionaryColumn d => Problem(d.DictionaryValues) ?? BadIndex(d),
        _ => null,
    };

    private static string? BadIndex(DictionaryColumn column)
    {
        var size = (long)column.DictionaryValues.Length;
        if (column.Type.IndexType!.Id == TypeId.Int32)
        {
            // The reader's index type: test all indices unsigned (a null's slot may hold anything; look at those that fail).
            var indices = column.IndexBuffer.As<int>().Slice(column.Offset, column.Length);
            for (var i = 0; i < indices.Length; i++)
                if ((uint)indices[i] >= (ulong)size && column.IsValid(i))
                    return $"dictionary index {indices[i]} at row {i} is outside the {size}-value dictionary";
            return null;
        }
        for (var i = 0; i < column.Length; i++)
        {
            if (!column.IsValid(i))
                continue;
            var index = column.GetIndex(i);
            if (index < 0 || index >= size)
                return $"dictionary index {index} at row {i} is outside the {size}-value dictionary";
        }
        return null;
    }
}
