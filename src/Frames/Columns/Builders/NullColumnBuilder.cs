namespace FramesNet.Columns;

/// <summary>Counts values for a <see cref="NullColumn"/>; anything but null is refused.</summary>
public sealed class NullColumnBuilder : IColumnBuilder
{
    public DataType Type => DataType.Null;

    public int Length { get; private set; }

    public void AppendNull() => Length++;

    public void AppendObject(object? value)
    {
        if (value is not null)
            throw new ArgumentException($"a null column holds only nulls, not {value}");
        Length++;
    }

    public void AppendFrom(Column source, int index) => Length++;

    public Column Build()
    {
        var column = new NullColumn(Length);
        Length = 0;
        return column;
    }
}
