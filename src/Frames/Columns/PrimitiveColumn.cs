using System.Runtime.CompilerServices;
using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>
/// Fixed-width values: integers, floats, date32 (<c>int</c> days), timestamps (<c>long</c> ticks of the type's unit).
/// </summary>
public sealed class PrimitiveColumn<T> : Column where T : unmanaged
{
    public PrimitiveColumn(DataType type, int length, ArrowBuffer values, ArrowBuffer validity = default,
        int nullCount = -1, int offset = 0)
        : base(type, length, offset, [validity, values], nullCount)
    {
        if (type.ByteWidth != Unsafe.SizeOf<T>())
            throw new ArgumentException($"{type} values are {type.ByteWidth} bytes wide, not {Unsafe.SizeOf<T>()} ({typeof(T).Name})");
        RequireBytes(values, (long)(offset + length) * Unsafe.SizeOf<T>(), "values");
    }

    public ArrowBuffer ValueBuffer => Buffers[1];

    /// <summary>The values, nulls included (a null slot holds an unspecified value).</summary>
    public ReadOnlySpan<T> Values
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Buffers[1].As<T>().Slice(Offset, Length);
    }

    public T this[int index] => Values[index];

    public T? GetNullable(int index) => IsValid(index) ? Values[index] : null;

    public override object? GetValue(int index) => IsValid(index) ? Values[index] : null;

    private protected override Column SliceCore(int absoluteOffset, int length) =>
        new PrimitiveColumn<T>(Type, length, Buffers[1], Validity, -1, absoluteOffset);

    /// <summary>A column holding a copy of <paramref name="values"/>; <paramref name="valid"/> (if given) marks non-null slots.</summary>
    public static PrimitiveColumn<T> From(DataType type, ReadOnlySpan<T> values, ReadOnlySpan<bool> valid = default)
    {
        var buffer = ArrowBuffer.CopyOf(values);
        var validity = valid.IsEmpty ? default : ValidityBuilder.FromBools(valid);
        return new PrimitiveColumn<T>(type, values.Length, buffer, validity);
    }
}
