namespace FramesNet.Columns;

/// <summary>Generic gathers through builders; correct for every type. Kernels have faster typed versions.</summary>
internal static class ColumnTake
{
    /// <summary>Spells out a dictionary column: value i is <c>dictionary[indices[i]]</c>, null where the index is null.</summary>
    public static Column Gather(Column dictionary, DictionaryColumn indices)
    {
        var builder = ColumnBuilder.Create(dictionary.Type, indices.Length);
        for (var i = 0; i < indices.Length; i++)
        {
            if (indices.IsValid(i))
                builder.AppendFrom(dictionary, checked((int)indices.GetIndex(i)));
            else
                builder.AppendNull();
        }
        return builder.Build();
    }
}
