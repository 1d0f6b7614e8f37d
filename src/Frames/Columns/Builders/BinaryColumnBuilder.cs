using System.Text;

namespace FramesNet.Columns;

/// <summary>Builds a <see cref="BinaryColumn"/> of utf8 strings or binary values.</summary>
public sealed class BinaryColumnBuilder : IColumnBuilder
{
    private GrowableBuffer _offsets;
    private GrowableBuffer _data;
    private ValidityBuilder _validity;

    public BinaryColumnBuilder(DataType type, int capacity = 1024, int dataCapacity = 0)
    {
        if (type.Id is not (TypeId.Utf8 or TypeId.Binary))
            throw new ArgumentException($"a BinaryColumnBuilder builds utf8 or binary, not {type}");
        Type = type;
        _offsets = new GrowableBuffer((Math.Max(1, capacity) + 1) * sizeof(int));
        _offsets.As<int>()[0] = 0;
        _data = new GrowableBuffer(Math.Max(64, dataCapacity > 0 ? dataCapacity : capacity * 8));
    }

    public DataType Type { get; }

    public int Length { get; private set; }

    /// <summary>Bytes of value data appended so far.</summary>
    public int DataLength => _data.Length;

    public void Append(ReadOnlySpan<byte> value)
    {
        _data.Append(value);
        EndValue();
        _validity.AppendValid(Length - 1);
    }

    public void Append(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        _data.EnsureCapacity((long)_data.Length + max);
        _data.Length += Encoding.UTF8.GetBytes(value, _data.Span[_data.Length..]);
        EndValue();
        _validity.AppendValid(Length - 1);
    }

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
            case string s: Append(s); break;
            case byte[] b: Append(b); break;
            default: Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""); break;
        }
    }

    public void AppendFrom(Column source, int index)
    {
        if (source.IsValid(index)) Append(((BinaryColumn)source).GetBytes(index));
        else AppendNull();
    }

    private void EndValue()
    {
        Length++;
        _offsets.EnsureCapacity((long)(Length + 1) * sizeof(int));
        _offsets.As<int>()[Length] = _data.Length;
    }

    public BinaryColumn Build()
    {
        var length = Length;
        var nulls = _validity.NullCount;
        var validity = _validity.Build(length);
        var dataLength = _data.Length;
        var offsets = _offsets.Detach((length + 1) * sizeof(int));
        var data = _data.Detach(dataLength);
        Length = 0;
        _validity = default;
        _offsets = new GrowableBuffer(sizeof(int) * 2);
        _offsets.As<int>()[0] = 0;
        _data = new GrowableBuffer(64);
        return new BinaryColumn(Type, length, offsets, data, validity, nulls);
    }

    Column IColumnBuilder.Build() => Build();
}
