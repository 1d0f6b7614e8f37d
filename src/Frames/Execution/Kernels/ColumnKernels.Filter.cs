using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

public static partial class ColumnKernels
{
    /// <summary>The values of <paramref name="column"/> where <paramref name="mask"/> is true; a null mask entry drops the row.</summary>
    public static Column Filter(Column column, BooleanColumn mask)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Length != column.Length)
            throw new ArgumentException($"mask has {mask.Length} entries, the column {column.Length} values");
        var words = Selection.SelectedWords(mask);
        var count = Selection.Count(words);
        if (count == column.Length)
            return column;
        if (count == 0)
            return KernelBuffers.Empty(column.Type);
        return TakeValid(column, Selection.Indices(words, count));
    }
}
