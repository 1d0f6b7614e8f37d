using System.Runtime.CompilerServices;
using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>
/// An immutable Arrow array: <see cref="Length"/> values of one <see cref="DataType"/>, held in Arrow-layout
/// buffers with an optional validity bitmap (a clear bit is a null). <see cref="Offset"/> is the logical
/// start inside the buffers, so <see cref="Slice"/> never copies.
/// </summary>
public abstract class Column
{
    private readonly ArrowBuffer[] _buffers;
    private int _nullCount;

    private protected Column(DataType type, int length, int offset, ArrowBuffer[] buffers, int nullCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Type = type;
        Length = length;
        Offset = offset;
        _buffers = buffers;
        var validity = buffers.Length > 0 ? buffers[0] : default;
        if (!validity.IsEmpty && validity.Length < Bitmap.BytesFor(offset + length))
            throw new ArgumentException($"validity bitmap of {validity.Length} bytes is too short for {offset + length} values");
        _nullCount = validity.IsEmpty && type.Id != TypeId.Null ? 0 : nullCount;
    }

    public DataType Type { get; }

    public int Length { get; }

    /// <summary>Index of this column's first value inside its buffers.</summary>
    public int Offset { get; }

    /// <summary>The buffers in Arrow's layout order for the type (validity first); what IPC writes.</summary>
    public IReadOnlyList<ArrowBuffer> Buffers => _buffers;

    /// <summary>The validity bitmap; empty when every value is valid.</summary>
    public ArrowBuffer Validity => _buffers.Length > 0 ? _buffers[0] : default;

    public int NullCount
    {
        get
        {
            if (_nullCount < 0)
                _nullCount = Length - Bitmap.CountSet(Validity.Span, Offset, Length);
            return _nullCount;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index)
    {
        var validity = Validity;
        return validity.IsEmpty ? Type.Id != TypeId.Null : Bitmap.Get(validity.Span, Offset + index);
    }

    public bool IsNull(int index) => !IsValid(index);

    /// <summary>A view of <paramref name="length"/> values from <paramref name="offset"/>; shares the buffers.</summary>
    public Column Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
            throw new ArgumentOutOfRangeException(nameof(length), $"slice {offset}+{length} outside a column of {Length} values");
        return SliceCore(Offset + offset, length);
    }

    private protected abstract Column SliceCore(int absoluteOffset, int length);

    /// <summary>The value at <paramref name="index"/> as a boxed .NET object (null for a null); for display and tests, not hot loops.</summary>
    public abstract object? GetValue(int index);

    /// <summary>The dictionary of a dictionary-encoded column; null otherwise.</summary>
    public virtual Column? DictionaryValues => null;

    internal void Retain()
    {
        foreach (var buffer in _buffers)
            buffer.Owner?.Retain();
        DictionaryValues?.Retain();
    }

    internal void Release()
    {
        foreach (var buffer in _buffers)
            buffer.Owner?.Release();
        DictionaryValues?.Release();
    }

    private protected static void RequireBytes(ArrowBuffer buffer, long bytes, string what)
    {
        if (buffer.Length < bytes)
            throw new ArgumentException($"{what} buffer of {buffer.Length} bytes is too short: {bytes} needed");
    }

    private protected int InitialNullCount => _nullCount;

    public override string ToString() => $"{Type}[{Length}]";
}
