using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>
/// Dictionary-encoded values: integer indices (with the column's validity) into a separate column of values.
/// Arrow IPC streams may carry these; kernels usually see them decoded (<see cref="Decode"/>).
/// </summary>
/// <remarks>
/// The column's validity says which values are null, as for any column: Arrow also lets a valid index point at a
/// null entry of the dictionary, and such an entry is folded into the validity when the column is made (only when
/// the dictionary holds nulls), so <see cref="Column.IsValid"/> and <see cref="Column.NullCount"/> count it as the null it is.
/// </remarks>
public sealed class DictionaryColumn : Column
{
    private readonly Column _dictionary;

    public DictionaryColumn(DataType type, int length, ArrowBuffer indices, Column dictionary, ArrowBuffer validity = default,
        int nullCount = -1, int offset = 0)
        : this(type, length, indices, dictionary, NullEntriesFolded(type, length, indices, dictionary, validity, ref nullCount, offset), nullCount, offset, folded: true)
    {
    }

    private DictionaryColumn(DataType type, int length, ArrowBuffer indices, Column dictionary, ArrowBuffer validity, int nullCount, int offset, bool folded)
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
        new DictionaryColumn(Type, length, Buffers[1], _dictionary, Validity, -1, absoluteOffset, folded: true);

    /// <summary>
    /// <paramref name="validity"/> with the rows whose valid index points at a null dictionary entry cleared; itself
    /// when there are none. Indices outside the dictionary or the buffer are left to the checks that report them.
    /// </summary>
    private static ArrowBuffer NullEntriesFolded(DataType type, int length, ArrowBuffer indices, Column dictionary, ArrowBuffer validity,
        ref int nullCount, int offset)
    {
        if (dictionary.NullCount == 0 || type.IndexType is not { } indexType || indices.Length < (long)(offset + length) * indexType.ByteWidth)
            return validity;
        var size = dictionary.Length;
        byte[]? cleared = null;
        for (var i = 0; i < length; i++)
        {
            var row = offset + i;
            if (!validity.IsEmpty && !Bitmap.Get(validity.Span, row))
                continue;
            var k = Index(indices, indexType, row);
            if ((ulong)k >= (ulong)size || dictionary.IsValid((int)k))
                continue;
            if (cleared is null)
            {
                cleared = new byte[Bitmap.BytesFor(offset + length)];
                if (validity.IsEmpty)
                    Bitmap.Fill(cleared, 0, offset + length, true);
                else
                    validity.Span[..cleared.Length].CopyTo(cleared);
            }
            Bitmap.Clear(cleared, row);
        }
        if (cleared is null)
            return validity;
        nullCount = -1;
        return ArrowBuffer.CopyOf(cleared);
    }

    private static long Index(ArrowBuffer indices, DataType indexType, int row) => indexType.Id switch
    {
        TypeId.Int8 => indices.As<sbyte>()[row],
        TypeId.Int16 => indices.As<short>()[row],
        TypeId.Int32 => indices.As<int>()[row],
        TypeId.Int64 => indices.As<long>()[row],
        TypeId.UInt8 => indices.As<byte>()[row],
        TypeId.UInt16 => indices.As<ushort>()[row],
        TypeId.UInt32 => indices.As<uint>()[row],
        _ => (long)indices.As<ulong>()[row],
    };
}
