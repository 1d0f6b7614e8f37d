using System.Runtime.CompilerServices;

namespace FramesNet.Columns;

/// <summary>Builds a <see cref="PrimitiveColumn{T}"/> value by value or span by span.</summary>
public sealed class PrimitiveColumnBuilder<T> : IColumnBuilder where T : unmanaged
{
    private GrowableBuffer _values;
    private ValidityBuilder _validity;

    public PrimitiveColumnBuilder(DataType type, int capacity = 1024)
    {
        if (type.ByteWidth != Unsafe.SizeOf<T>())
            throw new ArgumentException($"{type} is not stored as {typeof(T).Name}");
        Type = type;
        _values = new GrowableBuffer(Math.Max(1, capacity) * Unsafe.SizeOf<T>());
    }

    public DataType Type { get; }

    public int Length { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        _values.EnsureCapacity((long)(Length + 1) * Unsafe.SizeOf<T>());
        _values.As<T>()[Length] = value;
        _validity.AppendValid(Length);
        Length++;
    }

    public void Append(T? value)
    {
        if (value.HasValue) Append(value.Value);
        else AppendNull();
    }

    public void AppendRange(ReadOnlySpan<T> values)
    {
        _values.EnsureCapacity((long)(Length + values.Length) * Unsafe.SizeOf<T>());
        values.CopyTo(_values.As<T>()[Length..]);
        _validity.AppendValidRange(Length, values.Length);
        Length += values.Length;
    }

    public void AppendNull()
    {
        _values.EnsureCapacity((long)(Length + 1) * Unsafe.SizeOf<T>());
        _values.As<T>()[Length] = default;
        _validity.AppendNull(Length);
        Length++;
    }

    public void AppendObject(object? value)
    {
        if (value is null) AppendNull();
        else Append(ValueConverter.To<T>(value, Type));
    }

    public void AppendFrom(Column source, int index)
    {
        if (source.IsValid(index)) Append(((PrimitiveColumn<T>)source).Values[index]);
        else AppendNull();
    }

    public PrimitiveColumn<T> Build()
    {
        var length = Length;
        var nulls = _validity.NullCount;
        var validity = _validity.Build(length);
        var values = _values.Detach(length * Unsafe.SizeOf<T>());
        Length = 0;
        _validity = default;
        return new PrimitiveColumn<T>(Type, length, values, validity, nulls);
    }

    Column IColumnBuilder.Build() => Build();
}
