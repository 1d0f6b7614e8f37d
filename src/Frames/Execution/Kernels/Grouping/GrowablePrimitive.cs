using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Execution.Kernels;

/// <summary>A <see cref="GrowableColumn"/> of fixed-width values.</summary>
internal sealed class GrowablePrimitive<T>(DataType type) : GrowableColumn(type) where T : unmanaged
{
    private byte[] _bytes = [];

    private Span<T> Values => MemoryMarshal.Cast<byte, T>(_bytes.AsSpan());

    protected override void AppendValues(Column source, ReadOnlySpan<int> rows)
    {
        var needed = (Count + rows.Length) * Unsafe.SizeOf<T>();
        if (_bytes.Length < needed)
            Array.Resize(ref _bytes, Grow(_bytes.Length, needed));
        var values = ((PrimitiveColumn<T>)source).Values;
        var target = Values[Count..];
        for (var i = 0; i < rows.Length; i++)
            target[i] = Canonical(values[rows[i]]);
        Count += rows.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Canonical(T value)
    {
        if (typeof(T) == typeof(double))
        {
            var d = Unsafe.As<T, double>(ref value);
            d = d == 0 ? 0.0 : double.IsNaN(d) ? double.NaN : d;
            return Unsafe.As<double, T>(ref d);
        }
        if (typeof(T) == typeof(float))
        {
            var f = Unsafe.As<T, float>(ref value);
            f = f == 0 ? 0f : float.IsNaN(f) ? float.NaN : f;
            return Unsafe.As<float, T>(ref f);
        }
        return value;
    }

    public override Column View() =>
        new PrimitiveColumn<T>(Type, Count, new ArrowBuffer(BufferOwner.Wrap(_bytes), 0, _bytes.Length), ValidityView());
}
