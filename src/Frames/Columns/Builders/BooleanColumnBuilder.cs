namespace FramesNet.Columns;

/// <summary>Builds a <see cref="BooleanColumn"/>.</summary>
public sealed class BooleanColumnBuilder : IColumnBuilder
{
    private GrowableBuffer _bits;
    private ValidityBuilder _validity;

    public BooleanColumnBuilder(int capacity = 1024) => _bits = new GrowableBuffer(Bitmap.BytesFor(Math.Max(8, capacity)));

    public DataType Type => DataType.Bool;

    public int Length { get; private set; }

    public void Append(bool value)
    {
        _bits.EnsureCapacity(Bitmap.BytesFor(Length + 1));
        Bitmap.Set(_bits.Span, Length, value);
        _validity.AppendValid(Length);
        Length++;
    }

    public void Append(bool? value)
    {
        if (value.HasValue) Append(value.Value);
        else AppendNull();
    }

    public void AppendNull()
    {
        _bits.EnsureCapacity(Bitmap.BytesFor(Length + 1));
        Bitmap.Clear(_bits.Span, Length);
        _validity.AppendNull(Length);
        Length++;
    }

    public void AppendObject(object? value)
    {
        if (value is null) AppendNull();
        else Append(ValueConverter.ToBool(value));
    }

    public void AppendFrom(Column source, int index)
    {
        if (source.IsValid(index)) Append(((BooleanColumn)source)[index]);
        else AppendNull();
    }

    public BooleanColumn Build()
    {
        var length = Length;
        var nulls = _validity.NullCount;
        var validity = _validity.Build(length);
        var bits = _bits.Detach(Bitmap.BytesFor(length));
        Length = 0;
        _validity = default;
        return new BooleanColumn(length, bits, validity, nulls);
    }

    Column IColumnBuilder.Build() => Build();
}
