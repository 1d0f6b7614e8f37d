using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>
/// Dictionary-encoded values: integer indices (with the column's validity) into a separate column of values.
/// Arrow IPC streams may carry these; kernels usually see them decoded (<see cref="Decode"/>).
/// </summary>
public sealed class DictionaryColumn : Column
{
    private readonly Column _dictionary;

    public DictionaryColumn(DataType type, int length, ArrowBuffer indices, Column dictionary, ArrowBuffer validity = default,
        int nullCount = -1, int offset = 0)
        : base(type, length, offset, [validity, indices], nullCount)
    {
        if (type.Id != TypeId.Dictionary)
            throw new ArgumentException($"a DictionaryColumn needs a dictionary type, not {type}");
        if (dictionary.Type != type.ValueType)
            throw new ArgumentException($"dictionary holds {dictionary.Type} but the type says {type.ValueType}");
        RequireBytes(indices, (long)(offset + length) * type.IndexType!.ByteWidth, "indices");
        _dictionary = dictionary;
    }

    public override Column DictionaryValues => _dictionary;

    public ArrowBuffer IndexBuffer => Buffers[1];

    /// <summary>The dictionary index of value <paramref name="index"/> (unspecified for a null).</summary>
    public long GetIndex(int index)
    {
        var i = Offset + index;
        return Type.IndexType!.Id switch
        {
            TypeId.Int8 => Buffers[1].As<sbyte>()[i],
            TypeId.Int16 => Buffers[1].As<short>()[i],
            TypeId.Int32 => Buffers[1].As<int>()[i],
            TypeId.Int64 => Buffers[1].As<long>()[i],
            TypeId.UInt8 => Buffers[1].As<byte>()[i],
            TypeId.UInt16 => Buffers[1].As<ushort>()[i],
            TypeId.UInt32 => Buffers[1].As<uint>()[i],
            _ => (long)Buffers[1].As<ulong>()[i],
        };
    }

    /// <summary>Index of the first valid slot whose index is outside the dictionary, or -1.</summary>
    public int FindIndexOutOfRange()
    {
        for (var i = 0; i < Length; i++)
        {
            if (!IsValid(i))
                continue;
            var k = GetIndex(i);
            if (k < 0 || k >= _dictionary.Length)
                return i;
        }
        return -1;
    }

    public override object? GetValue(int index) => IsValid(index) ? _dictionary.GetValue((int)GetIndex(index)) : null;

    /// <summary>The values spelled out as a plain column of the dictionary's type.</summary>
    public Column Decode() => ColumnTake.Gather(_dictionary, this);

    private protected override Column SliceCore(int absoluteOffset, int length) =>
        new DictionaryColumn(Type, length, Buffers[1], _dictionary, Validity, -1, absoluteOffset);
}
