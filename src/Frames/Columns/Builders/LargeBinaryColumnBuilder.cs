using System.Text;

namespace FramesNet.Columns;

/// <summary>Builds a <see cref="LargeBinaryColumn"/> of large_utf8 or large_binary values.</summary>
public sealed class LargeBinaryColumnBuilder : IColumnBuilder
{
    private GrowableBuffer _offsets;
    private GrowableBuffer _data;
    private ValidityBuilder _validity;

    public LargeBinaryColumnBuilder(DataType type, int capacity = 1024)
    {
        if (type.Id is not (TypeId.LargeUtf8 or TypeId.LargeBinary))
            throw new ArgumentException($"a LargeBinaryColumnBuilder builds large_utf8 or large_binary, not {type}");
        Type = type;
        _offsets = new GrowableBuffer((Math.Max(1, capacity) + 1) * sizeof(long));
        _offsets.As<long>()[0] = 0;
        _data = new GrowableBuffer(Math.Max(64, capacity * 8));
    }

    public DataType Type { get; }

    public int Length { get; private set; }

    public void Append(ReadOnlySpan<byte> value)
    {
        _data.Append(value);
        EndValue();
        _validity.AppendValid(Length - 1);
    }

    public void Append(string value) => Append(Encoding.UTF8.GetBytes(value));

    public void AppendNull()
    {
        EndValue();
        _validity.AppendNull(Length - 1);
    }

    public void AppendObject(object? value)
    {
        switch (value)
        {
            case null: AppendNull(); break;
            case byte[] b: Append(b); break;
            default: Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""); break;
        }
    }

    public void AppendFrom(Column source, int index)
    {
        if (source.IsValid(index)) Append(((LargeBinaryColumn)source).GetBytes(index));
        else AppendNull();
    }

    private void EndValue()
    {
        Length++;
        _offsets.EnsureCapacity((long)(Length + 1) * sizeof(long));
        _offsets.As<long>()[Length] = _data.Length;
    }

    public LargeBinaryColumn Build()
    {
        var length = Length;
        var nulls = _validity.NullCount;
        var validity = _validity.Build(length);
        var dataLength = _data.Length;
        var offsets = _offsets.Detach((length + 1) * sizeof(long));
        var data = _data.Detach(dataLength);
        Length = 0;
        _validity = default;
        _offsets = new GrowableBuffer(sizeof(long) * 2);
        _offsets.As<long>()[0] = 0;
        _data = new GrowableBuffer(64);
        return new LargeBinaryColumn(Type, length, offsets, data, validity, nulls);
    }

    Column IColumnBuilder.Build() => Build();
}
